import { Body, Controller, Get, Injectable, Module, OnModuleInit, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import {
  Citizen,
  CrowdDelivery,
  CrowdItemRef,
  CrowdPost,
  CrowdTarget,
  FaultService,
  LedgerService,
  ProvisionAccountOptions,
  ProvisionedAccount,
  RateLimiter,
  SandboxDb,
  SandboxNetworkRegistry,
} from '../../../../apps/sandbox/src/core';

/**
 * A minimal network used only by the core's tests, built the way a real network uses the core contract:
 * its own tables, bearer tokens, faults before and after commit, the ledger, a rate limit and a crowd target.
 */
export const STAND_IN = 'standin';

@Injectable()
export class StandInStore implements OnModuleInit, CrowdTarget {
  constructor(
    private readonly db: SandboxDb,
    private readonly registry: SandboxNetworkRegistry,
    private readonly limiter: RateLimiter,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.db.ensureSchema(STAND_IN, [
      `CREATE TABLE IF NOT EXISTS standin_accounts (id text PRIMARY KEY, handle text NOT NULL, token text NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS standin_posts (id bigserial PRIMARY KEY, account_id text NOT NULL, text text NOT NULL)`,
      `CREATE TABLE IF NOT EXISTS standin_items (
         id bigserial PRIMARY KEY, account_id text NOT NULL, kind text NOT NULL, post_id text,
         citizen text NOT NULL, text text NOT NULL)`,
    ]);
    this.limiter.define(STAND_IN, 'POST /posts', { limit: 1000, windowSeconds: 900 });
    this.registry.register({
      network: STAND_IN,
      provisionAccount: (options) => this.provision(options),
      crowd: this,
      faultResponder: (_req, res, fault) =>
        res.status(fault.status).json({ standinError: fault.message, resetAt: fault.resetAt.toISOString() }),
    });
  }

  async provision(options: ProvisionAccountOptions): Promise<ProvisionedAccount> {
    const id = `acct${randomBytes(6).toString('hex')}`;
    const token = randomBytes(16).toString('hex');
    const handle = options.handle ?? id;
    await this.db.execute('INSERT INTO standin_accounts (id, handle, token) VALUES ($1, $2, $3)', [
      id,
      handle,
      token,
    ]);
    return { accountId: id, handle, displayName: options.displayName, credentials: { token } };
  }

  async accountFor(req: Request): Promise<string | undefined> {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const [row] = await this.db.query<{ id: string }>('SELECT id FROM standin_accounts WHERE token = $1', [
      token,
    ]);
    return row?.id;
  }

  async recentPosts(accountId: string, limit: number): Promise<CrowdPost[]> {
    const rows = await this.db.query<{ id: string; text: string }>(
      'SELECT id, text FROM standin_posts WHERE account_id = $1 ORDER BY id DESC LIMIT $2',
      [accountId, limit],
    );
    return rows.map((row) => ({ postId: String(row.id), text: row.text }));
  }

  reply(accountId: string, postId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    return this.insert(accountId, 'reply', postId, citizen, text);
  }

  mention(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    return this.insert(accountId, 'mention', null, citizen, text);
  }

  directMessage(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef> {
    return this.insert(accountId, 'dm', null, citizen, text);
  }

  async deliverBatch(accountId: string, items: CrowdDelivery[]): Promise<CrowdItemRef[]> {
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO standin_items (account_id, kind, post_id, citizen, text)
       SELECT $1, kind, post_id, citizen, text
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(kind, post_id, citizen, text)
       RETURNING id`,
      [
        accountId,
        items.map((i) => i.kind),
        items.map((i) => (i.kind === 'reply' ? i.postId : null)),
        items.map((i) => i.citizen.handle),
        items.map((i) => i.text),
      ],
    );
    return rows.map((row) => ({ objectId: `item${row.id}` }));
  }

  private async insert(
    accountId: string,
    kind: string,
    postId: string | null,
    citizen: Citizen,
    text: string,
  ): Promise<CrowdItemRef> {
    const [row] = await this.db.query<{ id: string }>(
      'INSERT INTO standin_items (account_id, kind, post_id, citizen, text) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [accountId, kind, postId, citizen.handle, text],
    );
    return { objectId: `item${row.id}` };
  }
}

@Controller('standin')
export class StandInController {
  constructor(
    private readonly store: StandInStore,
    private readonly db: SandboxDb,
    private readonly ledger: LedgerService,
    private readonly faults: FaultService,
    private readonly limiter: RateLimiter,
  ) {}

  @Post('posts')
  async create(@Req() req: Request, @Res() res: Response, @Body() body: { text?: string }): Promise<void> {
    const accountId = await this.store.accountFor(req);
    if (!accountId) {
      res.status(401).json({ standinError: 'bad token' });
      return;
    }
    if (await this.faults.before(req, res, { network: STAND_IN, accountId })) return;
    const limit = this.limiter.consume({ network: STAND_IN, accountId, endpoint: 'POST /posts' });
    res.setHeader('x-limit-remaining', String(limit.remaining));
    if (!limit.allowed) {
      res.status(429).json({ standinError: 'rate limited' });
      return;
    }
    const text = String(body.text ?? '');
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO standin_posts (account_id, text) VALUES ($1, $2) RETURNING id',
        [accountId, text],
      );
      const idempotencyKey = req.headers['idempotency-key'];
      await this.ledger.record(
        {
          network: STAND_IN,
          accountId,
          kind: 'post',
          objectId: String(row.id),
          content: text,
          idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
        },
        tx,
      );
      return String(row.id);
    });
    if (this.faults.dropAfterCommit(req, res, { network: STAND_IN, accountId })) return;
    res.status(201).json({ id, text });
  }

  @Get('posts')
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    const accountId = await this.store.accountFor(req);
    if (!accountId) {
      res.status(401).json({ standinError: 'bad token' });
      return;
    }
    if (await this.faults.before(req, res, { network: STAND_IN, accountId })) return;
    res.json({ posts: await this.store.recentPosts(accountId, 100) });
  }

  @Get('items')
  async items(): Promise<{ items: unknown[] }> {
    return { items: await this.db.query('SELECT * FROM standin_items ORDER BY id') };
  }
}

@Module({ providers: [StandInStore], controllers: [StandInController] })
export class StandInNetworkModule {}
