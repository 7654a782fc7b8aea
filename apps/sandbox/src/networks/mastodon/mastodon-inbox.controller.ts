import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  JsonObject,
  serializeConversation,
  serializeNotification,
  serializeStatus,
} from './mastodon-entities';
import { MastodonError, MastodonExceptionFilter } from './mastodon-error';
import { instanceBase, MastodonGate, requestOrigin } from './mastodon-gate.service';
import { arrayParam, linkHeader, pageParams, requestQuery } from './mastodon-paging';
import { MastodonInboxRepository } from './mastodon-inbox.repository';
import { MastodonRepository } from './mastodon.repository';
import { mastodonPaths } from './mastodon-routes';
import { MastodonStatusService } from './mastodon-status.service';
import { isRecordId } from './mastodon-ids';

/** What the shared inbox polls: notifications (mentions) and conversations (direct messages). */
@Controller()
@UseFilters(MastodonExceptionFilter)
export class MastodonInboxController {
  constructor(
    private readonly gate: MastodonGate,
    private readonly repo: MastodonRepository,
    private readonly inbox: MastodonInboxRepository,
    private readonly statuses: MastodonStatusService,
  ) {}

  /** `types[]`, `exclude_types[]`, `account_id`, since/max/min ids and `limit` (default 40, max 80). */
  @Get(mastodonPaths('api/v1/notifications'))
  async notifications(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.gate.user(req, res, 'read:notifications');
    if (!user) return;
    const query = requestQuery(req);
    const accountFilter = query.get('account_id');
    const rows = await this.inbox.notifications(
      user.accountId,
      arrayParam(query, 'types'),
      arrayParam(query, 'exclude_types'),
      accountFilter && isRecordId(accountFilter) ? accountFilter : null,
      pageParams(query, 40, 80),
    );
    const statusRows = await this.repo.statusesByIds(
      rows.flatMap((row) => (row.status_id ? [row.status_id] : [])),
    );
    const ctx = await this.statuses.loadContext(
      [...statusRows.values()],
      user.accountId,
      instanceBase(req),
      rows.map((r) => r.from_account_id),
    );
    const body = rows.map((row) => {
      const status = row.status_id ? statusRows.get(row.status_id) : undefined;
      return serializeNotification(row, ctx, status ? serializeStatus(status, ctx) : null);
    });
    const link = linkHeader(req, requestOrigin(req), rows[0]?.id, rows[rows.length - 1]?.id);
    if (link) res.setHeader('Link', link);
    res.status(200).json(body);
  }

  /** POST /api/v1/conversations/:id/read: the caller's copy of the conversation, marked read. */
  @Post(mastodonPaths('api/v1/conversations/:id/read'))
  async markRead(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const user = await this.gate.user(req, res, 'write:conversations');
    if (!user) return;
    const row = isRecordId(id) ? await this.inbox.markConversationRead(id, user.accountId) : null;
    if (!row) throw MastodonError.notFound();
    const statusRows = await this.repo.statusesByIds([row.last_status_id]);
    const ctx = await this.statuses.loadContext(
      [...statusRows.values()],
      user.accountId,
      instanceBase(req),
      row.participant_ids,
    );
    const last = statusRows.get(row.last_status_id);
    res.status(200).json(serializeConversation(row, ctx, last ? serializeStatus(last, ctx) : null));
  }

  /** Direct conversations, newest activity first; paged by their last status id as Mastodon does. */
  @Get(mastodonPaths('api/v1/conversations'))
  async conversations(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.gate.user(req, res, 'read:statuses');
    if (!user) return;
    const rows = await this.inbox.conversations(user.accountId, pageParams(requestQuery(req), 20, 40));
    const statusRows = await this.repo.statusesByIds(rows.map((row) => row.last_status_id));
    const ctx = await this.statuses.loadContext(
      [...statusRows.values()],
      user.accountId,
      instanceBase(req),
      rows.flatMap((row) => row.participant_ids),
    );
    const body: JsonObject[] = rows.map((row) => {
      const last = statusRows.get(row.last_status_id);
      return serializeConversation(row, ctx, last ? serializeStatus(last, ctx) : null);
    });
    const link = linkHeader(
      req,
      requestOrigin(req),
      rows[0]?.last_status_id,
      rows[rows.length - 1]?.last_status_id,
    );
    if (link) res.setHeader('Link', link);
    res.status(200).json(body);
  }
}
