import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvalidInputError, NotFoundError } from '@outside-in/common';
import { dateInWords } from '@outside-in/guardrails';
import { DataSource } from 'typeorm';
import type { PublishingReportGroup, PublishingReportView } from './publishing-report.dto';

/** A year and a day: enough for "this year so far" compared with last, small enough to stay quick. */
const MAX_DAYS = 366;

type Row = {
  key: string;
  handle: string | null;
  network: string | null;
  published: number;
  failed: number;
  missed: number;
  attempts: number;
};

/**
 * Posts published, failed and missed in a period, by channel or by week (Monday to Sunday in the organisation's
 * time zone). A target counts once, at the moment it settled: published at `published_at`; failed when its last
 * attempt finished; missed at the time it was due (it was never tried). Targets still on their way (scheduled,
 * publishing) and cancelled ones are not counted.
 */
@Injectable()
export class PublishingReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(
    organisationId: string,
    from: Date,
    to: Date,
    groupBy: PublishingReportGroup,
  ): Promise<PublishingReportView> {
    if (!(from.getTime() < to.getTime())) {
      throw new InvalidInputError(
        'The report’s start must be before its end. Choose an earlier “from” date.',
        [{ field: 'from', problem: 'Must be before to' }],
      );
    }
    if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) {
      throw new InvalidInputError(
        `The report covers at most ${MAX_DAYS} days. Choose a later “from” date or an earlier “to” date.`,
        [{ field: 'to', problem: `Must be at most ${MAX_DAYS} days after from` }],
      );
    }
    const [organisation] = (await this.dataSource.query(`SELECT time_zone FROM organisation WHERE id = $1`, [
      organisationId,
    ])) as Array<{ time_zone: string }>;
    if (!organisation) throw new NotFoundError('No such organisation.');
    const timeZone = organisation.time_zone;
    const key =
      groupBy === 'week'
        ? `to_char(date_trunc('week', s.settled_at AT TIME ZONE $4), 'YYYY-MM-DD')`
        : `s.channel_id::text`;
    const rows = (await this.dataSource.query(
      `WITH settled AS (
         SELECT t.channel_id, t.state,
                (SELECT count(*) FROM publish_attempt a WHERE a.target_id = t.id)::int AS attempts,
                CASE t.state
                  WHEN 'published' THEN t.published_at
                  WHEN 'failed' THEN coalesce(
                    (SELECT max(a.finished_at) FROM publish_attempt a WHERE a.target_id = t.id), t.updated_at)
                  ELSE coalesce(t.scheduled_at, t.updated_at)
                END AS settled_at
           FROM post_target t
          WHERE t.organisation_id = $1 AND t.state IN ('published', 'failed', 'missed'))
       SELECT ${key} AS key, min(ch.handle) AS handle, min(ch.network) AS network,
              count(*) FILTER (WHERE s.state = 'published')::int AS published,
              count(*) FILTER (WHERE s.state = 'failed')::int AS failed,
              count(*) FILTER (WHERE s.state = 'missed')::int AS missed,
              sum(s.attempts)::int AS attempts
         FROM settled s JOIN channel ch ON ch.id = s.channel_id
        WHERE s.settled_at >= $2 AND s.settled_at < $3 ${groupBy === 'week' ? '' : 'AND $4::text IS NOT NULL'}
        GROUP BY 1 ORDER BY ${groupBy === 'week' ? '1' : 'min(ch.handle), 1'}`,
      [organisationId, from, to, timeZone],
    )) as Row[];
    return {
      groupBy,
      timeZone,
      rows: rows.map((row) => ({
        key: row.key,
        label:
          groupBy === 'week'
            ? `Week of ${dateInWords(row.key).replace(/^\S+ /, '')}`
            : `${networkInWords(row.network ?? '')} @${row.handle}`,
        published: row.published,
        failed: row.failed,
        missed: row.missed,
        attempts: row.attempts,
      })),
    };
  }
}

/** The network's key as its name: x is X, bluesky is Bluesky. */
function networkInWords(network: string): string {
  return network.charAt(0).toUpperCase() + network.slice(1);
}
