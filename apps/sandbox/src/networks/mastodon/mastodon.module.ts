import { Module, OnModuleInit } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { RateLimiter } from '../../core/rate-limiter';
import { SandboxDb } from '../../core/sandbox-db';
import { SandboxNetworkRegistry } from '../../core/network-registry';
import { MastodonAccountsController } from './mastodon-accounts.controller';
import { MastodonCrowdTarget } from './mastodon-crowd.target';
import { MASTODON, MASTODON_RATE_LIMITS, MastodonGate } from './mastodon-gate.service';
import { MastodonInboxController } from './mastodon-inbox.controller';
import { MastodonInboxRepository } from './mastodon-inbox.repository';
import { MastodonInstanceController } from './mastodon-instance.controller';
import { MastodonMediaController } from './mastodon-media.controller';
import { MastodonMediaService } from './mastodon-media.service';
import { MastodonOAuthController } from './mastodon-oauth.controller';
import { MastodonOAuthService } from './mastodon-oauth.service';
import { MastodonProvisioningService } from './mastodon-provisioning.service';
import { MastodonStatusService } from './mastodon-status.service';
import { MastodonStatusesController } from './mastodon-statuses.controller';
import { MASTODON_SCHEMA } from './mastodon.schema';
import { MastodonScheduledController } from './mastodon-scheduled.controller';
import { MastodonScheduledRepository } from './mastodon-scheduled.repository';
import { MastodonSchedulePublisher } from './mastodon-schedule-publisher';
import { MastodonUnroutedErrorFilter } from './mastodon-unrouted-error.filter';
import { MastodonOAuthRepository } from './mastodon-oauth.repository';
import { MastodonRepository } from './mastodon.repository';

/**
 * The Mastodon network of the sandbox (API v1/v2 and OAuth as Mastodon 4 serves them), under /mastodon and,
 * for masto's sake, at the root paths too (see mastodon-routes.ts).
 */
@Module({
  controllers: [
    MastodonStatusesController,
    MastodonMediaController,
    MastodonAccountsController,
    MastodonInboxController,
    MastodonInstanceController,
    MastodonOAuthController,
    MastodonScheduledController,
  ],
  providers: [
    MastodonRepository,
    MastodonOAuthRepository,
    MastodonGate,
    MastodonStatusService,
    MastodonMediaService,
    MastodonOAuthService,
    MastodonProvisioningService,
    MastodonCrowdTarget,
    MastodonScheduledRepository,
    MastodonInboxRepository,
    MastodonSchedulePublisher,
    { provide: APP_FILTER, useClass: MastodonUnroutedErrorFilter },
  ],
})
export class MastodonModule implements OnModuleInit {
  constructor(
    private readonly db: SandboxDb,
    private readonly registry: SandboxNetworkRegistry,
    private readonly limiter: RateLimiter,
    private readonly gate: MastodonGate,
    private readonly provisioning: MastodonProvisioningService,
    private readonly crowd: MastodonCrowdTarget,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.db.ensureSchema(MASTODON, MASTODON_SCHEMA);
    for (const [endpoint, rule] of Object.entries(MASTODON_RATE_LIMITS))
      this.limiter.define(MASTODON, endpoint, rule);
    this.registry.register({
      network: MASTODON,
      provisionAccount: (options) => this.provisioning.provision(options),
      crowd: this.crowd,
      faultResponder: (req, res, fault) => this.gate.respondToFault(req, res, fault),
    });
  }
}
