import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application, NextFunction, Request, Response } from 'express';
import { SandboxNetworkRegistry } from '../../core/network-registry';
import { RateLimiter } from '../../core/rate-limiter';
import { SandboxDb } from '../../core/sandbox-db';
import { XAccountsService } from './x-accounts.service';
import { loadXNetworkConfig, X_NETWORK_CONFIG } from './x-config';
import { XControlsController } from './x-controls.controller';
import { XCrowdBatchRepository } from './x-crowd-batch.repository';
import { XCrowdBatchService } from './x-crowd-batch.service';
import { XCrowdTarget } from './x-crowd.target';
import { XDmController } from './x-dm.controller';
import { XDmService } from './x-dm.service';
import { toProblem } from './x-exception.filter';
import { writeXFault, X_NETWORK, XGateService } from './x-gate.service';
import { XMediaController } from './x-media.controller';
import { XMediaMetadataController } from './x-media-metadata.controller';
import { XMediaService } from './x-media.service';
import { XOAuthController } from './x-oauth.controller';
import { XOAuthService } from './x-oauth.service';
import { XPresenter } from './x-presenter';
import { sendJson, sendProblem } from './x-problem';
import {
  X_APP_DAILY_TWEETS,
  X_APP_DAILY_TWEETS_RULE,
  X_USER_DAILY_TWEETS,
  X_USER_DAILY_TWEETS_RULE,
  xRateLimitRules,
} from './x-rate-limits';
import { X_SCHEMA_DDL, X_SCHEMA_OWNER } from './x-schema';
import { XTweetsController } from './x-tweets.controller';
import { XTweetsService } from './x-tweets.service';
import { XUsersController } from './x-users.controller';
import { XWebhookDeliveryService } from './x-webhook-delivery.service';
import { XWebhooksController } from './x-webhooks.controller';
import { XWebhooksService } from './x-webhooks.service';
import { XRepository } from './x.repository';
import { XAuthRepository } from './x-auth.repository';
import { XWebhooksRepository } from './x-webhooks.repository';

/**
 * The X API v2 network under /x: point twitter-api-v2 at it by rewriting https://api.x.com/... to
 * <sandbox>/x/... (see the README). Its state lives in the x_* tables of the sandbox database.
 */
@Module({
  controllers: [
    XOAuthController,
    XTweetsController,
    XUsersController,
    XDmController,
    XMediaController,
    XMediaMetadataController,
    XWebhooksController,
    XControlsController,
  ],
  providers: [
    { provide: X_NETWORK_CONFIG, useFactory: () => loadXNetworkConfig() },
    XRepository,
    XAuthRepository,
    XWebhooksRepository,
    XGateService,
    XPresenter,
    XOAuthService,
    XAccountsService,
    XTweetsService,
    XDmService,
    XMediaService,
    XWebhooksService,
    XWebhookDeliveryService,
    XCrowdBatchRepository,
    XCrowdBatchService,
    XCrowdTarget,
  ],
})
export class XNetworkModule implements OnModuleInit {
  private readonly logger = new Logger(XNetworkModule.name);

  constructor(
    private readonly db: SandboxDb,
    private readonly registry: SandboxNetworkRegistry,
    private readonly rateLimiter: RateLimiter,
    private readonly accounts: XAccountsService,
    private readonly crowd: XCrowdTarget,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.db.ensureSchema(X_SCHEMA_OWNER, X_SCHEMA_DDL);
    for (const [endpoint, rule] of xRateLimitRules()) this.rateLimiter.define(X_NETWORK, endpoint, rule);
    this.rateLimiter.define(X_NETWORK, X_APP_DAILY_TWEETS, X_APP_DAILY_TWEETS_RULE);
    this.rateLimiter.define(X_NETWORK, X_USER_DAILY_TWEETS, X_USER_DAILY_TWEETS_RULE);
    this.registry.register({
      network: X_NETWORK,
      provisionAccount: (options) => this.accounts.provision(options),
      crowd: this.crowd,
      faultResponder: writeXFault,
    });
    this.answerOutsideRoutesAsX();
  }

  /**
   * Two answers Nest would otherwise give in its own shape, installed after the routes (Nest has registered
   * them by the time modules initialise): a malformed body fails in the body parser before any X controller
   * and its filter run, and becomes X's problem+json; an /x path no route serves gets X's "page does not
   * exist" 404. Other paths pass through untouched.
   */
  private answerOutsideRoutesAsX(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<Application>();
    if (!app || typeof app.use !== 'function') return;
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (!req.originalUrl.startsWith('/x/') || res.headersSent) {
        next();
        return;
      }
      sendJson(res, 404, { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] });
    });
    app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
      if (!req.originalUrl.startsWith('/x/') || res.headersSent) {
        next(error);
        return;
      }
      sendProblem(res, toProblem(error, req, this.logger));
    });
  }
}
