import { Controller, Delete, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MastodonError, MastodonExceptionFilter } from './mastodon-error';
import { instanceBase, MastodonGate, requestOrigin } from './mastodon-gate.service';
import { isRecordId } from './mastodon-ids';
import { linkHeader, pageParams, requestQuery } from './mastodon-paging';
import { mastodonPaths } from './mastodon-routes';
import { jsonWithIntegers, serializeScheduledStatus } from './mastodon-scheduled';
import { MastodonScheduledRepository, ScheduledStatusRow } from './mastodon-scheduled.repository';
import { MastodonRepository } from './mastodon.repository';

/** GET /api/v1/scheduled_statuses, GET and DELETE /api/v1/scheduled_statuses/:id (the caller's own). */
@Controller(mastodonPaths('api/v1/scheduled_statuses'))
@UseFilters(MastodonExceptionFilter)
export class MastodonScheduledController {
  constructor(
    private readonly gate: MastodonGate,
    private readonly scheduled: MastodonScheduledRepository,
    private readonly repo: MastodonRepository,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.gate.user(req, res, 'read:statuses');
    if (!user) return;
    const rows = await this.scheduled.pending(user.accountId, pageParams(requestQuery(req), 20, 40));
    const media = await this.repo.mediaByIds(rows.flatMap((row) => row.media_ids));
    const now = new Date();
    const body = rows.map((row) =>
      serializeScheduledStatus(
        row,
        media.filter((m) => row.media_ids.includes(m.id)),
        instanceBase(req),
        now,
      ),
    );
    const link = linkHeader(req, requestOrigin(req), rows[0]?.id, rows[rows.length - 1]?.id);
    if (link) res.setHeader('Link', link);
    res.status(200).type('application/json').send(jsonWithIntegers(body));
  }

  @Get(':id')
  async show(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const user = await this.gate.user(req, res, 'read:statuses');
    if (!user) return;
    const row = await this.pendingOf(user.accountId, id);
    const media = await this.repo.mediaByIds(row.media_ids);
    res
      .status(200)
      .type('application/json')
      .send(jsonWithIntegers(serializeScheduledStatus(row, media, instanceBase(req), new Date())));
  }

  /** Cancels it and frees its media; Mastodon answers `{}`. */
  @Delete(':id')
  async cancel(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const user = await this.gate.user(req, res, 'write:statuses');
    if (!user) return;
    const row = await this.pendingOf(user.accountId, id);
    await this.repo.transaction(async (tx) => {
      await this.repo.reserveMedia(null, row.media_ids, tx);
      await this.scheduled.remove(row.id, tx);
    });
    res.status(200).json({});
  }

  /** Published and other accounts' scheduled statuses do not exist for this route, as on Mastodon. */
  private async pendingOf(accountId: string, id: string): Promise<ScheduledStatusRow> {
    const row = isRecordId(id) ? await this.scheduled.byId(id) : null;
    if (!row || row.account_id !== accountId || row.published_at) throw MastodonError.notFound();
    return row;
  }
}
