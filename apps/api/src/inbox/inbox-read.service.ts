import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChannelConnections } from '@outside-in/channels';
import { InvalidInputError, NotFoundError } from '@outside-in/common';
import { SafeguardingService } from '@outside-in/guardrail-settings';
import { ConversationMeasures, type ResponseReportRow } from '@outside-in/inbox';
import { dateInWords, type PhraseMatcher } from '@outside-in/guardrails';
import { DataSource } from 'typeorm';
import { decodeCursor, decodeTimeCursor, encodeCursor, firstLine } from './inbox-cursor';
import type {
  SafeguardingFlagView,
  ContactPanelView,
  ContactSummaryView,
  ConversationDetailView,
  ConversationListItemView,
  ConversationListQueryDto,
  ConversationListView,
  InboxCountsView,
  ReportGroup,
  ResponseTimesView,
  SearchView,
  TimelineItemView,
} from './inbox.dto';
import { InboxRealtime } from './inbox-realtime.service';

const PAGE = 50;
const THREAD_PAGE = 100;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const contactOf = (r: Row, prefix = 'ct_'): ContactSummaryView | null =>
  r[`${prefix}id`]
    ? {
        id: r[`${prefix}id`],
        network: r[`${prefix}network`],
        handle: r[`${prefix}handle`],
        displayName: r[`${prefix}display_name`],
        profileUrl: r[`${prefix}profile_url`],
        avatarUrl: r[`${prefix}avatar_url`],
      }
    : null;

const seconds = (from: Date | null, to: Date | null): number | null =>
  from && to ? Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000)) : null;

/**
 * The inbox as people read it: views paged by keyset (newest activity first, on the conversation list indexes),
 * counts for the navigation, a conversation with its thread and notes, the contact's history, ranked search.
 *
 * Abuse is flagged in the read path, not stored at ingest: the organisation's list changes (a phrase added today
 * must blur yesterday's messages too, and one removed must stop blurring), the check is a compiled matcher over
 * at most a page of text, and the stored message stays exactly as received.
 */
@Injectable()
export class InboxReadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly safeguarding: SafeguardingService,
    private readonly channels: ChannelConnections,
    private readonly realtime: InboxRealtime,
    private readonly measures: ConversationMeasures,
  ) {}

  async assertConversation(organisationId: string, conversationId: string): Promise<void> {
    const [found] = (await this.dataSource.query(
      `SELECT 1 FROM conversation WHERE organisation_id = $1 AND id = $2`,
      [organisationId, conversationId],
    )) as unknown[];
    if (!found) throw new NotFoundError('No such conversation in this organisation.');
  }

  async abuseMatcher(organisationId: string): Promise<PhraseMatcher> {
    return (await this.safeguarding.matchersFor(organisationId)).abuse;
  }

  async list(
    organisationId: string,
    userId: string,
    query: ConversationListQueryDto,
  ): Promise<ConversationListView> {
    const limit = query.limit ?? PAGE;
    const { sql, params } = this.listQuery(organisationId, userId, query);
    const rows = (await this.dataSource.query(sql, params)) as Row[];
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const abuse = await this.abuseMatcher(organisationId);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => this.listItem(row, abuse)),
      nextCursor: more && last ? encodeCursor(new Date(last.last_message_at).toISOString(), last.id) : null,
    };
  }

  /**
   * The SQL of one view's page: each view's WHERE matches a list index of the conversation table (status;
   * assignee and status; channel and status), so Postgres walks it backwards from the cursor and stops after a
   * page, however deep the page.
   */
  listQuery(
    organisationId: string,
    userId: string,
    query: ConversationListQueryDto,
  ): { sql: string; params: unknown[] } {
    const view = query.view ?? 'open';
    const limit = query.limit ?? PAGE;
    const params: unknown[] = [organisationId];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = ['c.organisation_id = $1'];
    switch (view) {
      case 'mine':
        where.push(`c.assignee_id = ${p(userId)}`, `c.status = 'open'`);
        break;
      case 'unassigned':
        where.push('c.assignee_id IS NULL', `c.status = 'open'`);
        break;
      case 'open':
      case 'pending':
      case 'snoozed':
      case 'closed':
        where.push(`c.status = ${p(view)}`);
        break;
      case 'flagged':
        where.push(`c.status = 'open'`, `c.priority IN ('high', 'urgent')`);
        break;
      case 'channel':
        if (!query.channelId)
          throw new InvalidInputError('view=channel needs channelId: the channel to list.', [
            { field: 'channelId', problem: 'Required for view=channel' },
          ]);
        where.push(`c.channel_id = ${p(query.channelId)}`, `c.status = ${p(query.status ?? 'open')}`);
        break;
      case 'tag':
        if (!query.tag)
          throw new InvalidInputError('view=tag needs tag: the tag to list.', [
            { field: 'tag', problem: 'Required for view=tag' },
          ]);
        where.push(`c.tags @> ARRAY[${p(query.tag.trim().toLowerCase())}]::text[]`);
        where.push(`c.status = ${p(query.status ?? 'open')}`);
        break;
    }
    if (query.cursor) {
      const { at, id } = decodeTimeCursor(query.cursor);
      where.push(`(c.last_message_at, c.id) < (${p(at)}, ${p(id)})`);
    }
    return { sql: this.listSql(where.join(' AND '), `LIMIT ${limit + 1}`), params };
  }

  async counts(organisationId: string, userId: string): Promise<InboxCountsView> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'open' AND assignee_id = $2)::int AS mine,
              count(*) FILTER (WHERE status = 'open' AND assignee_id IS NULL)::int AS unassigned,
              count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'snoozed')::int AS snoozed,
              count(*) FILTER (WHERE status = 'closed')::int AS closed,
              count(*) FILTER (WHERE status = 'open' AND priority IN ('high', 'urgent'))::int AS flagged
         FROM conversation WHERE organisation_id = $1`,
      [organisationId, userId],
    )) as Row[];
    const [waiting] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM message m JOIN outbound_reply r ON r.message_id = m.id
        WHERE r.organisation_id = $1 AND m.outbound_state = 'pending_approval'`,
      [organisationId],
    )) as Row[];
    return { ...(row as InboxCountsView), awaitingApproval: waiting.n };
  }

  async detail(
    organisationId: string,
    conversationId: string,
    before?: string,
  ): Promise<ConversationDetailView> {
    const [row] = await this.listRows(
      'c.organisation_id = $1 AND c.id = $2',
      [organisationId, conversationId],
      '',
    );
    if (!row) throw new NotFoundError('No such conversation in this organisation.');
    const abuse = await this.abuseMatcher(organisationId);
    const params: unknown[] = [conversationId];
    let older = '';
    if (before) {
      const cursor = decodeTimeCursor(before, 'before');
      params.push(cursor.at, cursor.id);
      older = 'AND (m.created_at, m.id) < ($2, $3)';
    }
    const messages = (
      (await this.dataSource.query(
        `SELECT m.id, m.direction, m.body, m.created_at, m.external_id, m.url, m.in_reply_to_external_id,
                m.outbound_state, m.edited_at, m.previous_versions, m.author_deleted_at,
                ct.id AS ct_id, ct.network AS ct_network, ct.handle AS ct_handle, ct.display_name AS ct_display_name,
                ct.profile_url AS ct_profile_url, ct.avatar_url AS ct_avatar_url,
                r.mode, r.approval_reason, r.approver_roles, r.last_error, r.attempts, r.sent_at, r.outcome,
                r.automatic,
                au.id AS au_id, au.name AS au_name, ap.id AS ap_id, ap.name AS ap_name
           FROM message m
           LEFT JOIN contact ct ON ct.id = m.author_contact_id
           LEFT JOIN outbound_reply r ON r.message_id = m.id
           LEFT JOIN app_user au ON au.id = r.author_id
           LEFT JOIN app_user ap ON ap.id = r.approved_by
          WHERE m.conversation_id = $1 ${older}
          ORDER BY m.created_at DESC, m.id DESC LIMIT ${THREAD_PAGE + 1}`,
        params,
      )) as Row[]
    ).reverse();
    const hasOlder = messages.length > THREAD_PAGE;
    if (hasOlder) messages.shift();
    const from = hasOlder ? messages[0].created_at : null;
    const to = before ? decodeTimeCursor(before, 'before').at : null;
    const notes = (await this.dataSource.query(
      `SELECT n.id, n.body, n.created_at, n.mentioned_user_ids, u.id AS u_id, u.name AS u_name,
              (SELECT coalesce(json_agg(json_build_object('id', mu.id, 'name', mu.name)), '[]')
                 FROM app_user mu WHERE mu.id = ANY(n.mentioned_user_ids)) AS mentioned
         FROM inbox_note n LEFT JOIN app_user u ON u.id = n.author_id
        WHERE n.conversation_id = $1 AND ($2::timestamptz IS NULL OR n.created_at >= $2)
          AND ($3::timestamptz IS NULL OR n.created_at < $3)
        ORDER BY n.created_at`,
      [conversationId, from, to],
    )) as Row[];
    const moderation = (await this.dataSource.query(
      `SELECT mm.message_id, mm.action, mm.reason, mm.created_at, u.id AS u_id, u.name AS u_name
         FROM message_moderation mm JOIN message m ON m.id = mm.message_id
         LEFT JOIN app_user u ON u.id = mm.actor_id
        WHERE m.conversation_id = $1 ORDER BY mm.created_at`,
      [conversationId],
    )) as Row[];
    const timeline: TimelineItemView[] = [
      ...messages.map((m): TimelineItemView => ({
        type: 'message',
        id: m.id,
        at: m.created_at,
        direction: m.direction,
        body: m.body,
        abusive: m.direction === 'in' && abuse.match(m.body).matches.length > 0,
        author: contactOf(m),
        externalId: m.external_id,
        url: m.url,
        inReplyToExternalId: m.in_reply_to_external_id,
        editedAt: m.edited_at,
        previousVersions: m.previous_versions ?? [],
        authorDeletedAt: m.author_deleted_at,
        outbound: m.mode
          ? {
              state: m.outbound_state,
              mode: m.mode,
              author: m.au_id ? { id: m.au_id, name: m.au_name } : null,
              approvedBy: m.ap_id ? { id: m.ap_id, name: m.ap_name } : null,
              approvalReason: m.approval_reason,
              approverRoles: m.approver_roles ?? [],
              error: m.last_error,
              attempts: m.attempts,
              sentAt: m.sent_at,
              automatic: m.automatic,
            }
          : null,
        moderation: moderation
          .filter((x) => x.message_id === m.id)
          .map((x) => ({
            action: x.action,
            reason: x.reason,
            by: x.u_id ? { id: x.u_id, name: x.u_name } : null,
            at: x.created_at,
          })),
      })),
      ...notes.map((n): TimelineItemView => ({
        type: 'note',
        id: n.id,
        at: n.created_at,
        body: n.body,
        abusive: false,
        by: n.u_id ? { id: n.u_id, name: n.u_name } : null,
        mentioned: n.mentioned,
      })),
    ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
    const first = messages[0];
    const adapter = this.channels.adapterFor({ network: row.ch_network });
    const measured = await this.measures.forConversation(organisationId, conversationId);
    return {
      ...this.listItem(row, abuse),
      threadKey: row.thread_key,
      firstMessageAt: row.first_message_at,
      firstResponseAt: row.first_response_at,
      resolvedAt: row.resolved_at,
      firstResponseSeconds: seconds(row.first_message_at, row.first_response_at),
      resolutionSeconds: seconds(row.first_message_at, row.resolved_at),
      firstResponseOfficeSeconds: measured?.first_response_office_seconds ?? null,
      resolutionOfficeSeconds: measured?.resolution_office_seconds ?? null,
      safeguarding: await this.safeguardingFlag(organisationId, conversationId),
      timeline,
      olderCursor:
        hasOlder && first ? encodeCursor(new Date(first.created_at).toISOString(), first.id) : null,
      contactPanel: row.ct_id ? await this.contactPanel(organisationId, row.ct_id) : null,
      presence: await this.realtime.presenceOf(organisationId, conversationId),
      capabilities: {
        hideComments: adapter.capabilities.hideComments,
        deleteComments: adapter.capabilities.deleteComments,
        directMessages: adapter.capabilities.directMessages,
      },
    };
  }

  /** The safeguarding flag with the set names and runbook as the organisation words them now; null when unflagged. */
  private async safeguardingFlag(
    organisationId: string,
    conversationId: string,
  ): Promise<SafeguardingFlagView | null> {
    const [flag] = (await this.dataSource.query(
      `SELECT safeguarding_set_ids, safeguarding_flagged_at FROM conversation
        WHERE organisation_id = $1 AND id = $2 AND safeguarding_flagged_at IS NOT NULL`,
      [organisationId, conversationId],
    )) as Row[];
    if (!flag) return null;
    const { document } = await this.safeguarding.get(organisationId);
    const names = new Map(document.phraseSets.map((set) => [set.id, set.name]));
    return {
      sets: (flag.safeguarding_set_ids as string[]).map((id) => ({
        id,
        name: names.get(id) ?? 'A phrase set since removed',
      })),
      flaggedAt: flag.safeguarding_flagged_at,
      runbook: document.runbook,
      neverAutoReplied: true,
    };
  }

  async contactPanel(organisationId: string, contactId: string): Promise<ContactPanelView> {
    const [contact] = (await this.dataSource.query(
      `SELECT id AS ct_id, network AS ct_network, handle AS ct_handle, display_name AS ct_display_name,
              profile_url AS ct_profile_url, avatar_url AS ct_avatar_url, created_at
         FROM contact WHERE organisation_id = $1 AND id = $2`,
      [organisationId, contactId],
    )) as Row[];
    if (!contact) throw new NotFoundError('No such contact in this organisation.');
    const conversations = (await this.dataSource.query(
      `SELECT c.id, c.channel_id, ch.network, c.kind, c.status, c.last_message_at
         FROM conversation c JOIN channel ch ON ch.id = c.channel_id
        WHERE c.contact_id = $1 ORDER BY c.last_message_at DESC LIMIT 50`,
      [contactId],
    )) as Row[];
    const [{ n }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM message WHERE author_contact_id = $1`,
      [contactId],
    )) as Row[];
    return {
      ...contactOf(contact)!,
      conversations: conversations.map((c) => ({
        id: c.id,
        channelId: c.channel_id,
        network: c.network,
        kind: c.kind,
        status: c.status,
        lastMessageAt: c.last_message_at,
      })),
      messagesFromThem: n,
      firstSeenAt: contact.created_at,
    };
  }

  /**
   * Ranked full-text search ('simple' configuration, so Welsh is not stemmed as English): messages by ts_rank
   * with a keyset over (rank, id), and the best 10 contacts by name and handle.
   */
  async search(organisationId: string, q: string, cursor?: string): Promise<SearchView> {
    const params: unknown[] = [organisationId, q];
    let after = '';
    if (cursor) {
      const { key, id } = decodeCursor(cursor);
      const rank = Number(key);
      if (!Number.isFinite(rank))
        throw new InvalidInputError('cursor is not one this API gave: search again.', [
          { field: 'cursor', problem: 'Not a cursor from this API' },
        ]);
      params.push(rank, id);
      after = 'WHERE (hit.rank, hit.id) < ($3::real, $4::uuid)';
    }
    const hits = (await this.dataSource.query(
      `SELECT hit.* FROM (
         SELECT m.id, m.conversation_id, m.body, m.created_at, m.direction, ts_rank(m.search, q)::real AS rank,
                ct.id AS ct_id, ct.network AS ct_network, ct.handle AS ct_handle,
                ct.display_name AS ct_display_name, ct.profile_url AS ct_profile_url, ct.avatar_url AS ct_avatar_url
           FROM message m CROSS JOIN plainto_tsquery('simple', $2) q
           LEFT JOIN contact ct ON ct.id = m.author_contact_id
          WHERE m.search @@ q AND m.organisation_id = $1) hit
       ${after}
       ORDER BY hit.rank DESC, hit.id DESC LIMIT ${PAGE + 1}`,
      params,
    )) as Row[];
    const more = hits.length > PAGE;
    const page = hits.slice(0, PAGE);
    const contacts = cursor
      ? []
      : ((await this.dataSource.query(
          `SELECT id AS ct_id, network AS ct_network, handle AS ct_handle, display_name AS ct_display_name,
                  profile_url AS ct_profile_url, avatar_url AS ct_avatar_url,
                  ts_rank(to_tsvector('simple', display_name || ' ' || handle), plainto_tsquery('simple', $2))
                    + CASE WHEN lower(handle) = lower($2) THEN 1 ELSE 0 END AS rank
             FROM contact
            WHERE organisation_id = $1
              AND (to_tsvector('simple', display_name || ' ' || handle) @@ plainto_tsquery('simple', $2)
                   OR handle ILIKE $3 OR display_name ILIKE $3)
            ORDER BY rank DESC, display_name LIMIT 10`,
          [organisationId, q, `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
        )) as Row[]);
    const abuse = await this.abuseMatcher(organisationId);
    const last = page[page.length - 1];
    return {
      messages: page.map((h) => ({
        messageId: h.id,
        conversationId: h.conversation_id,
        body: h.body,
        abusive: h.direction === 'in' && abuse.match(h.body).matches.length > 0,
        at: h.created_at,
        rank: Number(h.rank),
        contact: contactOf(h),
      })),
      nextCursor: more && last ? encodeCursor(String(last.rank), last.id) : null,
      contacts: contacts.map((c) => contactOf(c)!),
    };
  }

  /**
   * First response and resolution times of the conversations first written in [from, to), by channel, person
   * (the assignee), week (Monday, in UTC) or language: medians and the 90th percentile, in seconds.
   */
  /**
   * First response and resolution times on the wall clock and the office-hours clock, from the stored figures
   * (libs/inbox ConversationMeasures, measured first where missing or stale).
   */
  async responseTimes(
    organisationId: string,
    from: Date,
    to: Date,
    groupBy: ReportGroup,
  ): Promise<ResponseTimesView> {
    const report = await this.measures.report(organisationId, from, to, groupBy);
    const label = (row: ResponseReportRow): string => {
      if (groupBy === 'channel') return `@${row.name}`;
      if (groupBy === 'assignee') return row.name ?? 'Nobody (unassigned)';
      // Weeks start on Mondays, so the weekday adds nothing: "Week of 18 May 2026".
      if (groupBy === 'week') return `Week of ${dateInWords(row.key!).replace(/^\S+ /, '')}`;
      return languageName(row.key);
    };
    return {
      groupBy,
      timeZone: report.timeZone,
      rows: report.rows.map((row) => ({
        key: row.key,
        label: label(row),
        conversations: row.conversations,
        answered: row.answered,
        resolved: row.resolved,
        medianFirstResponseSeconds: row.medianFirstResponseSeconds,
        p90FirstResponseSeconds: row.p90FirstResponseSeconds,
        medianFirstResponseOfficeSeconds: row.medianFirstResponseOfficeSeconds,
        p90FirstResponseOfficeSeconds: row.p90FirstResponseOfficeSeconds,
        medianResolutionSeconds: row.medianResolutionSeconds,
        medianResolutionOfficeSeconds: row.medianResolutionOfficeSeconds,
      })),
    };
  }

  private listRows(where: string, params: unknown[], limit: string): Promise<Row[]> {
    return this.dataSource.query(this.listSql(where, limit), params);
  }

  private listSql(where: string, limit: string): string {
    return `SELECT c.id, c.kind, c.status, c.priority, c.tags, c.language, c.last_message_at, c.snoozed_until,
              c.thread_key, c.first_message_at, c.first_response_at, c.resolved_at,
              ch.id AS ch_id, ch.network AS ch_network, ch.handle AS ch_handle, ch.display_name AS ch_display_name,
              ct.id AS ct_id, ct.network AS ct_network, ct.handle AS ct_handle, ct.display_name AS ct_display_name,
              ct.profile_url AS ct_profile_url, ct.avatar_url AS ct_avatar_url,
              u.id AS u_id, u.name AS u_name,
              li.body AS last_in_body, li.created_at AS last_in_at,
              (li.created_at IS NOT NULL AND NOT EXISTS (
                 SELECT 1 FROM message o WHERE o.conversation_id = c.id AND o.direction = 'out'
                    AND o.created_at > li.created_at AND coalesce(o.outbound_state, 'sent') = 'sent'
                    -- an automatic out-of-hours reply is not an answer: the person is still waiting
                    AND NOT EXISTS (SELECT 1 FROM outbound_reply ar WHERE ar.message_id = o.id AND ar.automatic)))
                AS waiting
         FROM conversation c
         JOIN channel ch ON ch.id = c.channel_id
         LEFT JOIN contact ct ON ct.id = c.contact_id
         LEFT JOIN app_user u ON u.id = c.assignee_id
         LEFT JOIN LATERAL (
           SELECT m.body, m.created_at FROM message m
            WHERE m.conversation_id = c.id AND m.direction = 'in'
            ORDER BY m.created_at DESC, m.id DESC LIMIT 1) li ON true
        WHERE ${where}
        ORDER BY c.last_message_at DESC, c.id DESC ${limit}`;
  }

  private listItem(row: Row, abuse: PhraseMatcher): ConversationListItemView {
    return {
      id: row.id,
      kind: row.kind,
      contact: contactOf(row),
      channel: {
        id: row.ch_id,
        network: row.ch_network,
        handle: row.ch_handle,
        displayName: row.ch_display_name,
      },
      preview: firstLine(row.last_in_body),
      previewAbusive: row.last_in_body ? abuse.match(row.last_in_body).matches.length > 0 : false,
      waitingSince: row.waiting && row.status !== 'closed' ? row.last_in_at : null,
      lastMessageAt: row.last_message_at,
      assignee: row.u_id ? { id: row.u_id, name: row.u_name } : null,
      language: row.language,
      status: row.status,
      snoozedUntil: row.snoozed_until,
      priority: row.priority,
      tags: row.tags,
    };
  }
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', cy: 'Welsh', gd: 'Scottish Gaelic' };

/** A language tag in words: 'cy' is Welsh; tags the networks give (en-GB, fr) by their main language. */
function languageName(tag: string | null): string {
  if (!tag) return 'Not known';
  const main = tag.toLowerCase().split('-')[0];
  if (LANGUAGE_NAMES[main]) return LANGUAGE_NAMES[main];
  try {
    return new Intl.DisplayNames(['en-GB'], { type: 'language' }).of(main) ?? tag;
  } catch {
    return tag;
  }
}
