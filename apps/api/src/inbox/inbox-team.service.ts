import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvalidInputError } from '@outside-in/common';
import { AuditService } from '@outside-in/database';
import { DataSource } from 'typeorm';
import { decodeTimeCursor, encodeCursor } from './inbox-cursor';
import type {
  AwaitingReplyListView,
  RoundRobinAutoDto,
  RoundRobinAutoView,
  TagListView,
} from './inbox-team.dto';
import { DEFAULT_REPLY_APPROVAL_ROLES, type InboxCaller } from './inbox-work.service';

const PAGE = 50;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * What the team works from besides the views: the tags in use (the left pane's "By tag"), the replies waiting
 * for an approver (the approvers' queue), and whether new conversations are given out in turn automatically.
 */
@Injectable()
export class InboxTeamService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async tags(organisationId: string): Promise<TagListView> {
    const rows = (await this.dataSource.query(
      `SELECT t.tag, count(*) FILTER (WHERE c.status = 'open')::int AS open, count(*)::int AS total
         FROM conversation c CROSS JOIN LATERAL unnest(c.tags) AS t(tag)
        WHERE c.organisation_id = $1
        GROUP BY t.tag ORDER BY t.tag LIMIT 200`,
      [organisationId],
    )) as Row[];
    return { items: rows.map((r) => ({ tag: r.tag, open: r.open, total: r.total })) };
  }

  /** Replies waiting for approval, oldest first, paged by keyset over (created_at, id). */
  async awaitingApproval(organisationId: string, cursor?: string): Promise<AwaitingReplyListView> {
    const params: unknown[] = [organisationId];
    let after = '';
    if (cursor) {
      const { at, id } = decodeTimeCursor(cursor);
      params.push(at, id);
      after = 'AND (m.created_at, m.id) > ($2, $3)';
    }
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.conversation_id, m.body, m.created_at, r.approval_reason, r.approver_roles,
              au.id AS au_id, au.name AS au_name,
              ch.id AS ch_id, ch.network AS ch_network, ch.handle AS ch_handle, ch.display_name AS ch_display_name,
              ct.id AS ct_id, ct.network AS ct_network, ct.handle AS ct_handle, ct.display_name AS ct_display_name,
              ct.profile_url AS ct_profile_url, ct.avatar_url AS ct_avatar_url
         FROM message m
         JOIN outbound_reply r ON r.message_id = m.id
         JOIN conversation c ON c.id = m.conversation_id
         JOIN channel ch ON ch.id = c.channel_id
         LEFT JOIN contact ct ON ct.id = c.contact_id
         LEFT JOIN app_user au ON au.id = r.author_id
        WHERE r.organisation_id = $1 AND m.outbound_state = 'pending_approval' ${after}
        ORDER BY m.created_at, m.id LIMIT ${PAGE + 1}`,
      params,
    )) as Row[];
    const page = rows.slice(0, PAGE);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        messageId: r.id,
        conversationId: r.conversation_id,
        body: r.body,
        createdAt: r.created_at,
        author: r.au_id ? { id: r.au_id, name: r.au_name } : null,
        approvalReason: r.approval_reason,
        approverRoles: r.approver_roles ?? [],
        contact: r.ct_id
          ? {
              id: r.ct_id,
              network: r.ct_network,
              handle: r.ct_handle,
              displayName: r.ct_display_name,
              profileUrl: r.ct_profile_url,
              avatarUrl: r.ct_avatar_url,
            }
          : null,
        channel: { id: r.ch_id, network: r.ch_network, handle: r.ch_handle, displayName: r.ch_display_name },
      })),
      nextCursor:
        rows.length > PAGE && last ? encodeCursor(new Date(last.created_at).toISOString(), last.id) : null,
    };
  }

  async roundRobinAuto(organisationId: string): Promise<RoundRobinAutoView> {
    const [row] = (await this.dataSource.query(
      `SELECT round_robin_every_channel, round_robin_channel_ids FROM inbox_policy WHERE organisation_id = $1`,
      [organisationId],
    )) as Row[];
    return {
      everyChannel: row?.round_robin_every_channel ?? false,
      channelIds: row?.round_robin_channel_ids ?? [],
    };
  }

  /** Turns automatic round-robin on for every channel, for chosen channels, or off (every channel false, none chosen). */
  async setRoundRobinAuto(
    organisationId: string,
    dto: RoundRobinAutoDto,
    caller: InboxCaller,
  ): Promise<RoundRobinAutoView> {
    const wanted = [...new Set(dto.channelIds.map((id) => id.toLowerCase()))].sort();
    return this.dataSource.transaction(async (manager) => {
      const known = (await manager.query(
        `SELECT id FROM channel WHERE organisation_id = $1 AND id = ANY($2::uuid[])`,
        [organisationId, wanted],
      )) as Row[];
      const missing = wanted.filter((id) => !known.some((k) => k.id === id));
      if (missing.length)
        throw new InvalidInputError('Choose channels of this organisation for round-robin.', [
          { field: 'channelIds', problem: `Not channels of this organisation: ${missing.join(', ')}` },
        ]);
      const before = await this.roundRobinAuto(organisationId);
      await manager.query(
        `INSERT INTO inbox_policy (organisation_id, reply_approval_roles, round_robin_every_channel,
                                   round_robin_channel_ids, updated_by)
         VALUES ($1, $5, $2, $3, $4)
         ON CONFLICT (organisation_id) DO UPDATE SET round_robin_every_channel = $2, round_robin_channel_ids = $3,
                updated_by = $4, updated_at = now()`,
        [
          organisationId,
          dto.everyChannel,
          JSON.stringify(wanted),
          caller.actor.userId,
          JSON.stringify(DEFAULT_REPLY_APPROVAL_ROLES),
        ],
      );
      const after = { everyChannel: dto.everyChannel, channelIds: wanted };
      await this.audit.record(manager, {
        organisationId,
        actor: caller.actor,
        action: 'inbox.round_robin_changed',
        subjectType: 'settings',
        subjectId: organisationId,
        summary: { from: before, to: after },
        ip: caller.ip,
      });
      return after;
    });
  }
}
