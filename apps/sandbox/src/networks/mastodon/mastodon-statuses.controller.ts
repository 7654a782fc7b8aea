import { Body, Controller, Delete, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FaultService } from '../../core/fault.service';
import { MastodonError, MastodonExceptionFilter } from './mastodon-error';
import { instanceBase, MASTODON, MastodonGate } from './mastodon-gate.service';
import { mastodonPaths } from './mastodon-routes';
import { jsonWithIntegers, serializeScheduledStatus } from './mastodon-scheduled';
import { MastodonRepository } from './mastodon.repository';
import { parseStatusRequest } from './mastodon-status-request';
import { MastodonStatusService } from './mastodon-status.service';

/** POST /api/v1/statuses, GET and DELETE /api/v1/statuses/:id, GET /api/v1/statuses/:id/context. */
@Controller(mastodonPaths('api/v1/statuses'))
@UseFilters(MastodonExceptionFilter)
export class MastodonStatusesController {
  constructor(
    private readonly gate: MastodonGate,
    private readonly statuses: MastodonStatusService,
    private readonly faults: FaultService,
    private readonly repo: MastodonRepository,
  ) {}

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const user = await this.gate.user(req, res, 'write:statuses', ['statuses']);
    if (!user) return;
    const key = idempotencyKey(req);
    const result = await this.statuses.create(
      user.accountId,
      // A replayed key wins over the body, as on Mastodon; parse lazily so a replay skips validation.
      () => parseStatusRequest(body),
      key,
      { id: user.appId, name: user.appName },
    );
    // The status and its ledger entry are committed: a commit-then-drop fault cuts the line now.
    if (
      result.created &&
      this.faults.dropAfterCommit(req, res, { network: MASTODON, accountId: user.accountId })
    ) {
      return;
    }
    if (result.kind === 'scheduled') {
      // With scheduled_at Mastodon answers a ScheduledStatus instead of a Status.
      const media = await this.repo.mediaByIds(result.row.media_ids);
      const json = serializeScheduledStatus(result.row, media, instanceBase(req), new Date());
      res.status(200).type('application/json').send(jsonWithIntegers(json));
      return;
    }
    const [json] = await this.statuses.present([result.row], user.accountId, instanceBase(req));
    res.status(200).json(json);
  }

  @Get(':id')
  async show(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const caller = await this.gate.open(req, res);
    if (!caller) return;
    const status = await this.statuses.visibleStatus(id, caller.accountId);
    const [json] = await this.statuses.present([status], caller.accountId, instanceBase(req));
    res.status(200).json(json);
  }

  @Get(':id/context')
  async context(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const caller = await this.gate.open(req, res);
    if (!caller) return;
    const { ancestors, descendants } = await this.statuses.thread(id, caller.accountId);
    const base = instanceBase(req);
    res.status(200).json({
      ancestors: await this.statuses.present(ancestors, caller.accountId, base),
      descendants: await this.statuses.present(descendants, caller.accountId, base),
    });
  }

  @Delete(':id')
  async remove(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const user = await this.gate.user(req, res, 'write:statuses', ['statuses-delete']);
    if (!user) return;
    const status = await this.statuses.delete(user.accountId, id);
    // Mastodon answers a delete with the deleted status and its source text, for "delete and redraft".
    const [json] = await this.statuses.present([status], user.accountId, instanceBase(req), true);
    res.status(200).json(json);
  }
}

/** Keys are kept (and indexed in the ledger) as given, so an absurdly long one is refused rather than stored. */
const MAX_IDEMPOTENCY_KEY = 1000;

function idempotencyKey(req: Request): string | null {
  const value = req.headers['idempotency-key'];
  const key = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!key) return null;
  if (key.length > MAX_IDEMPOTENCY_KEY) {
    throw MastodonError.validation(
      `Idempotency-Key is too long (maximum is ${MAX_IDEMPOTENCY_KEY} characters)`,
    );
  }
  return key;
}
