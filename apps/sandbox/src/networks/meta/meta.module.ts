import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application, NextFunction, Request, Response } from 'express';
import { SandboxNetworkRegistry } from '../../core/network-registry';
import { SandboxDb } from '../../core/sandbox-db';
import { GraphController } from './controllers/graph.controller';
import { MetaControlsController } from './controllers/meta-controls.controller';
import { OAuthDialogController } from './controllers/oauth-dialog.controller';
import { invalidParameter } from './graph/graph-error';
import { metaFaultResponder } from './graph/meta-fault-responder';
import { writeGraphError } from './graph/write-graph-error';
import { CommentsService } from './services/comments.service';
import { GraphIdentityService } from './services/graph-identity.service';
import { GraphRouterService } from './services/graph-router.service';
import { InstagramService } from './services/instagram.service';
import { MessengerService } from './services/messenger.service';
import { MetaAuthService } from './services/meta-auth.service';
import { MetaCrowdBatchService } from './services/meta-crowd-batch.service';
import { FacebookCrowdTarget, InstagramCrowdTarget } from './services/meta-crowd.target';
import { MetaOAuthService } from './services/meta-oauth.service';
import { MetaProvisioningService } from './services/meta-provisioning.service';
import { MetaSubscriptionsService } from './services/meta-subscriptions.service';
import { MetaUsageService } from './services/meta-usage.service';
import { MetaWebhooksService } from './services/meta-webhooks.service';
import { PageFeedService } from './services/page-feed.service';
import { META_SCHEMA } from './store/meta.schema';
import { MetaAccountsRepository } from './store/meta-accounts.repository';
import { MetaContentRepository } from './store/meta-content.repository';
import { MetaInstagramRepository } from './store/meta-instagram.repository';
import { MetaMessagingRepository } from './store/meta-messaging.repository';
import { MetaNodesRepository } from './store/meta-nodes.repository';
import { MetaWebhooksRepository } from './store/meta-webhooks.repository';

/**
 * Meta's Graph API (Facebook Pages, Messenger, Instagram) under /meta, registered as the sandbox networks
 * `facebook` and `instagram`. The dialog and control controllers come before the Graph catch-all routes.
 */
@Module({
  controllers: [OAuthDialogController, MetaControlsController, GraphController],
  providers: [
    MetaAccountsRepository,
    MetaContentRepository,
    MetaInstagramRepository,
    MetaMessagingRepository,
    MetaNodesRepository,
    MetaWebhooksRepository,
    MetaAuthService,
    MetaOAuthService,
    MetaUsageService,
    MetaWebhooksService,
    MetaSubscriptionsService,
    PageFeedService,
    CommentsService,
    MessengerService,
    InstagramService,
    MetaProvisioningService,
    MetaCrowdBatchService,
    FacebookCrowdTarget,
    InstagramCrowdTarget,
    GraphIdentityService,
    GraphRouterService,
  ],
})
export class MetaModule implements OnModuleInit {
  constructor(
    private readonly db: SandboxDb,
    private readonly registry: SandboxNetworkRegistry,
    private readonly usage: MetaUsageService,
    private readonly provisioning: MetaProvisioningService,
    private readonly facebookCrowd: FacebookCrowdTarget,
    private readonly instagramCrowd: InstagramCrowdTarget,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.db.ensureSchema('meta', META_SCHEMA);
    this.usage.defineLimits();
    this.registry.register({
      network: 'facebook',
      provisionAccount: (options) => this.provisioning.provision('facebook', options),
      crowd: this.facebookCrowd,
      faultResponder: metaFaultResponder('facebook'),
    });
    this.registry.register({
      network: 'instagram',
      provisionAccount: (options) => this.provisioning.provision('instagram', options),
      crowd: this.instagramCrowd,
      faultResponder: metaFaultResponder('instagram'),
    });
    this.answerUnreadableBodiesAsGraph();
  }

  /**
   * A body the parser cannot read (malformed JSON, too large) fails before any Graph controller or filter
   * runs; Graph answers it with its own #100 error, so the SDK sees the shape it knows, not Nest's.
   */
  private answerUnreadableBodiesAsGraph(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<Application>();
    if (!app || typeof app.use !== 'function') return;
    const logger = new Logger('MetaGraph');
    app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
      if (!req.originalUrl.startsWith('/meta/') || res.headersSent) return next(error);
      const status = (error as { status?: number }).status;
      if (!status || status >= 500) return writeGraphError(res, error, logger);
      writeGraphError(
        res,
        invalidParameter(`The request body could not be read: ${(error as Error).message}`),
      );
    });
  }
}
