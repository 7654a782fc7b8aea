import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvalidInputError } from '@outside-in/common';
import { OfficeHoursService } from '@outside-in/guardrail-settings';
import type { OfficeSchedule } from '@outside-in/guardrails';
import { DataSource } from 'typeorm';
import { measureConversation } from './response-measures';

export const REPORT_GROUPINGS = ['channel', 'assignee', 'week', 'language'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

export interface ResponseReportRow {
  /** The channel or person id, the week's Monday (YYYY-MM-DD, in the organisation's zone) or the language. */
  key: string | null;
  conversations: number;
  answered: number;
  resolved: number;
  medianFirstResponseSeconds: number | null;
  p90FirstResponseSeconds: number | null;
  medianFirstResponseOfficeSeconds: number | null;
  p90FirstResponseOfficeSeconds: number | null;
  medianResolutionSeconds: number | null;
  medianResolutionOfficeSeconds: number | null;
  /** For channel and person rows: the handle or name. */
  name: string | null;
  network: string | null;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** How many conversations one refresh measures per round (each round is one read and one write). */
const BATCH = 1000;

/**
 * Stored first-response and resolution figures per conversation (table conversation_measure), in wall-clock and
 * office-hours seconds, and the report built from them.
 *
 * Figures are measured when they are missing or stale (the conversation's first response or resolution time is
 * not the one they were taken from: answered, closed, reopened since), before a report or a detail is read. That
 * keeps them out of every path that answers or closes a conversation, and a figure can never be left behind by
 * a path that forgot to update it. The office-hours figure uses the office hours in force when it is measured.
 */
@Injectable()
export class ConversationMeasures {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly officeHours: OfficeHoursService,
  ) {}

  /** Measures every conversation of the organisation whose figures are missing or stale; answers how many. */
  async refresh(organisationId: string, conversationIds?: readonly string[]): Promise<number> {
    let schedule: OfficeSchedule | null = null;
    let total = 0;
    for (;;) {
      const stale = (await this.dataSource.query(
        `SELECT c.id, c.first_response_at, c.resolved_at,
                (SELECT min(i.created_at) FROM message i WHERE i.conversation_id = c.id AND i.direction = 'in')
                  AS first_inbound_at
           FROM conversation c LEFT JOIN conversation_measure m ON m.conversation_id = c.id
          WHERE c.organisation_id = $1 AND c.contact_id IS NOT NULL
            AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
            AND (m.conversation_id IS NULL
                 OR m.first_response_at IS DISTINCT FROM c.first_response_at
                 OR m.resolved_at IS DISTINCT FROM c.resolved_at)
          ORDER BY c.id LIMIT ${BATCH}`,
        [organisationId, conversationIds ?? null],
      )) as Row[];
      const measurable = stale.filter((row) => row.first_inbound_at);
      if (!measurable.length) return total;
      schedule ??= await this.officeHours.scheduleFor(organisationId);
      const rows = measurable.map((row) => {
        const times = {
          firstInboundAt: new Date(row.first_inbound_at),
          firstResponseAt: row.first_response_at ? new Date(row.first_response_at) : null,
          resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
        };
        return {
          conversation_id: row.id,
          first_inbound_at: times.firstInboundAt.toISOString(),
          first_response_at: times.firstResponseAt?.toISOString() ?? null,
          resolved_at: times.resolvedAt?.toISOString() ?? null,
          ...snake(measureConversation(times, schedule!)),
        };
      });
      await this.dataSource.query(
        `INSERT INTO conversation_measure (conversation_id, organisation_id, first_inbound_at, first_response_at,
                resolved_at, first_response_seconds, first_response_office_seconds, resolution_seconds,
                resolution_office_seconds, measured_at)
         SELECT r.conversation_id, $1, r.first_inbound_at, r.first_response_at, r.resolved_at,
                r.first_response_seconds, r.first_response_office_seconds, r.resolution_seconds,
                r.resolution_office_seconds, now()
           FROM jsonb_to_recordset($2::jsonb) AS r(conversation_id uuid, first_inbound_at timestamptz,
                first_response_at timestamptz, resolved_at timestamptz, first_response_seconds int,
                first_response_office_seconds int, resolution_seconds int, resolution_office_seconds int)
          ORDER BY r.conversation_id
         ON CONFLICT (conversation_id) DO UPDATE SET
                first_inbound_at = EXCLUDED.first_inbound_at, first_response_at = EXCLUDED.first_response_at,
                resolved_at = EXCLUDED.resolved_at, first_response_seconds = EXCLUDED.first_response_seconds,
                first_response_office_seconds = EXCLUDED.first_response_office_seconds,
                resolution_seconds = EXCLUDED.resolution_seconds,
                resolution_office_seconds = EXCLUDED.resolution_office_seconds, measured_at = now()`,
        [organisationId, JSON.stringify(rows)],
      );
      total += rows.length;
      // Conversations without a message from the public yet cannot be measured; stop rather than loop on them.
      if (stale.length < BATCH || measurable.length < stale.length) return total;
    }
  }

  /** One conversation's stored figures (measured first when stale), or null before the public has written. */
  async forConversation(organisationId: string, conversationId: string): Promise<Row | null> {
    await this.refresh(organisationId, [conversationId]);
    const [row] = (await this.dataSource.query(
      `SELECT * FROM conversation_measure WHERE organisation_id = $1 AND conversation_id = $2`,
      [organisationId, conversationId],
    )) as Row[];
    return row ?? null;
  }

  /**
   * Median and 90th percentile first response, median resolution, on both clocks, for conversations the public
   * started in [from, to), grouped by channel, assignee (the person), week (Monday to Sunday in the
   * organisation's time zone) or language.
   */
  async report(
    organisationId: string,
    from: Date,
    to: Date,
    groupBy: ReportGrouping,
  ): Promise<{ timeZone: string; rows: ResponseReportRow[] }> {
    if (!(from.getTime() < to.getTime()))
      throw new InvalidInputError(
        'The report’s start must be before its end. Choose an earlier “from” date.',
        [{ field: 'from', problem: 'Must be before to' }],
      );
    await this.refresh(organisationId);
    const { timeZone } = await this.officeHours.get(organisationId);
    const key = {
      channel: `c.channel_id::text`,
      assignee: `c.assignee_id::text`,
      week: `to_char(date_trunc('week', m.first_inbound_at AT TIME ZONE $4), 'YYYY-MM-DD')`,
      language: `c.language`,
    }[groupBy];
    const pct = (p: number, column: string) =>
      `percentile_cont(${p}) WITHIN GROUP (ORDER BY m.${column}) FILTER (WHERE m.${column} IS NOT NULL)`;
    const rows = (await this.dataSource.query(
      `SELECT ${key} AS key, min(ch.handle) AS handle, min(ch.network) AS network, min(u.name) AS person,
              count(*)::int AS conversations,
              count(m.first_response_seconds)::int AS answered,
              count(m.resolution_seconds)::int AS resolved,
              ${pct(0.5, 'first_response_seconds')} AS median_first,
              ${pct(0.9, 'first_response_seconds')} AS p90_first,
              ${pct(0.5, 'first_response_office_seconds')} AS median_first_office,
              ${pct(0.9, 'first_response_office_seconds')} AS p90_first_office,
              ${pct(0.5, 'resolution_seconds')} AS median_resolution,
              ${pct(0.5, 'resolution_office_seconds')} AS median_resolution_office
         FROM conversation_measure m JOIN conversation c ON c.id = m.conversation_id
         JOIN channel ch ON ch.id = c.channel_id LEFT JOIN app_user u ON u.id = c.assignee_id
        WHERE m.organisation_id = $1 AND m.first_inbound_at >= $2 AND m.first_inbound_at < $3
          ${groupBy === 'week' ? '' : 'AND $4::text IS NOT NULL'}
        GROUP BY 1 ORDER BY 1 NULLS LAST`,
      [organisationId, from, to, timeZone],
    )) as Row[];
    const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
    return {
      timeZone,
      rows: rows.map((row) => ({
        key: row.key,
        name: groupBy === 'channel' ? row.handle : groupBy === 'assignee' ? (row.person ?? null) : null,
        network: groupBy === 'channel' ? row.network : null,
        conversations: row.conversations,
        answered: row.answered,
        resolved: row.resolved,
        medianFirstResponseSeconds: round(row.median_first),
        p90FirstResponseSeconds: round(row.p90_first),
        medianFirstResponseOfficeSeconds: round(row.median_first_office),
        p90FirstResponseOfficeSeconds: round(row.p90_first_office),
        medianResolutionSeconds: round(row.median_resolution),
        medianResolutionOfficeSeconds: round(row.median_resolution_office),
      })),
    };
  }
}

function snake(figures: ReturnType<typeof measureConversation>) {
  return {
    first_response_seconds: figures.firstResponseSeconds,
    first_response_office_seconds: figures.firstResponseOfficeSeconds,
    resolution_seconds: figures.resolutionSeconds,
    resolution_office_seconds: figures.resolutionOfficeSeconds,
  };
}
