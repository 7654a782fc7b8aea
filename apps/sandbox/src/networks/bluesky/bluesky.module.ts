import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { SandboxDb } from '../../core/sandbox-db';
import { SandboxNetworkRegistry } from '../../core/network-registry';
import { RateLimiter } from '../../core/rate-limiter';
import { BlueskyAuthService } from './auth/bluesky-auth.service';
import { BlueskyAccountsService } from './bluesky-accounts.service';
import { BlueskyCrowd } from './bluesky-crowd';
import { blueskyFaultResponder } from './bluesky-fault-responder';
import { BlueskyMethods } from './bluesky-methods';
import { BLUESKY_NETWORK } from './bluesky-network';
import { BLUESKY_RATE_LIMITS } from './bluesky-rate-limits';
import { BlueskyRecordsService } from './bluesky-records.service';
import { BlueskyRepository } from './bluesky.repository';
import { BLUESKY_SCHEMA } from './bluesky-schema';
import { BLUESKY_SETTINGS, blueskySettingsFromEnv } from './bluesky-settings';
import { BlueskyViewsService } from './bluesky-views.service';
import { TidClock } from './ids/tid';
import { AppviewMethods } from './methods/appview.methods';
import { RepoMethods } from './methods/repo.methods';
import { ServerMethods } from './methods/server.methods';
import { BlueskyXrpcController } from './xrpc/bluesky-xrpc.controller';
import { xrpcBodyErrors } from './xrpc/xrpc-body-errors';

/** The sandbox's Bluesky: a PDS (plus the AppView reads) under /bluesky/xrpc, for @atproto/api's AtpAgent. */
@Module({
  controllers: [BlueskyXrpcController],
  providers: [
    { provide: BLUESKY_SETTINGS, useFactory: () => blueskySettingsFromEnv() },
    // One clock for the whole network, so record keys and repo revisions only ever increase.
    { provide: TidClock, useFactory: () => new TidClock() },
    BlueskyRepository,
    BlueskyAuthService,
    BlueskyAccountsService,
    BlueskyRecordsService,
    BlueskyViewsService,
    BlueskyCrowd,
    ServerMethods,
    RepoMethods,
    AppviewMethods,
    BlueskyMethods,
  ],
})
export class BlueskyModule implements OnModuleInit {
  constructor(
    private readonly db: SandboxDb,
    private readonly registry: SandboxNetworkRegistry,
    private readonly limiter: RateLimiter,
    private readonly auth: BlueskyAuthService,
    private readonly accounts: BlueskyAccountsService,
    private readonly crowd: BlueskyCrowd,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.db.ensureSchema('bluesky', BLUESKY_SCHEMA);
    await this.auth.init();
    for (const [endpoint, rule] of Object.entries(BLUESKY_RATE_LIMITS)) {
      this.limiter.define(BLUESKY_NETWORK, endpoint, rule);
    }
    // onModuleInit runs after Nest mounted its router and before its catch-all error handler, so this sees
    // the body parser's errors for XRPC paths first.
    (this.adapterHost.httpAdapter?.getInstance() as Express | undefined)?.use(xrpcBodyErrors);
    this.registry.register({
      network: BLUESKY_NETWORK,
      provisionAccount: (options) => this.accounts.provision(options),
      crowd: this.crowd,
      faultResponder: blueskyFaultResponder,
    });
  }
}
