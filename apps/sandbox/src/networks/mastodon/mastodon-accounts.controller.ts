import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { serializeAccount, serializeCredentialAccount } from './mastodon-entities';
import { MastodonError, MastodonExceptionFilter } from './mastodon-error';
import { instanceBase, MastodonGate, requestOrigin } from './mastodon-gate.service';
import { linkHeader, pageParams, requestQuery } from './mastodon-paging';
import { MastodonRepository } from './mastodon.repository';
import { mastodonPaths } from './mastodon-routes';
import { MastodonStatusService } from './mastodon-status.service';
import { isRecordId } from './mastodon-ids';

/** verify_credentials, an account, and an account's statuses (what our adapters read back). */
@Controller(mastodonPaths('api/v1/accounts'))
@UseFilters(MastodonExceptionFilter)
export class MastodonAccountsController {
  constructor(
    private readonly gate: MastodonGate,
    private readonly repo: MastodonRepository,
    private readonly statuses: MastodonStatusService,
  ) {}

  @Get('verify_credentials')
  async verifyCredentials(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.gate.user(req, res, 'read:accounts');
    if (!user) return;
    const account = (await this.repo.accountsByIds([user.accountId])).get(user.accountId);
    if (!account) throw MastodonError.unauthorized();
    res.status(200).json(serializeCredentialAccount(account, instanceBase(req)));
  }

  /** GET /api/v1/accounts/lookup?acct=name (or name@this-instance): an account by its handle. */
  @Get('lookup')
  async lookup(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.open(req, res);
    if (!caller) return;
    const acct = (requestQuery(req).get('acct') ?? '').replace(/^@/, '');
    const [username, domain] = acct.split('@');
    const local = !domain || domain.toLowerCase() === (req.get('host') ?? '').toLowerCase();
    const id = local && username ? await this.repo.accountIdByUsername(username) : null;
    const account = id ? (await this.repo.accountsByIds([id])).get(id) : undefined;
    if (!account) throw MastodonError.notFound();
    res.status(200).json(serializeAccount(account, instanceBase(req)));
  }

  @Get(':id')
  async show(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const caller = await this.gate.open(req, res);
    if (!caller) return;
    const account = isRecordId(id) ? (await this.repo.accountsByIds([id])).get(id) : undefined;
    if (!account) throw MastodonError.notFound();
    res.status(200).json(serializeAccount(account, instanceBase(req)));
  }

  @Get(':id/statuses')
  async statusesOf(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const caller = await this.gate.open(req, res);
    if (!caller) return;
    const query = requestQuery(req);
    const flag = (name: string): boolean => ['true', '1'].includes((query.get(name) ?? '').toLowerCase());
    const rows = await this.statuses.accountStatuses(
      id,
      caller.accountId,
      {
        excludeReplies: flag('exclude_replies'),
        onlyMedia: flag('only_media'),
        pinned: flag('pinned'),
        tagged: query.get('tagged') ?? undefined,
      },
      pageParams(query, 20, 40),
    );
    const link = linkHeader(req, requestOrigin(req), rows[0]?.id, rows[rows.length - 1]?.id);
    if (link) res.setHeader('Link', link);
    res.status(200).json(await this.statuses.present(rows, caller.accountId, instanceBase(req)));
  }
}
