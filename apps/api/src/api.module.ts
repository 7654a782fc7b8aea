import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfig, ConfigModule, LoggingModule } from '@outside-in/common';
import { DatabaseModule } from '@outside-in/database';
import { QueueModule } from '@outside-in/queue';
import { ChannelsModule } from '@outside-in/channels';
import { GuardrailSettingsModule } from '@outside-in/guardrail-settings';
import { InboxModule } from '@outside-in/inbox';
import { PublishingModule } from '@outside-in/publishing';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { AuditController } from './audit/audit.controller';
import { AuditQueryService } from './audit/audit-query.service';
import { ApprovalPolicyService } from './approvals/approval-policy.service';
import { ApprovalsController } from './approvals/approvals.controller';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { ChannelConnectService } from './channels/channel-connect.service';
import { ChannelOAuthController } from './channels/channel-oauth.controller';
import { ChannelsController } from './channels/channels.controller';
import { ChannelsService } from './channels/channels.service';
import { ConnectSettings } from './channels/connect-settings';
import { PracticeChannelsService } from './channels/practice-channels.service';
import { PrincipalResolver } from './auth/principal-resolver.service';
import { SessionViewService } from './auth/session-view.service';
import { SessionService } from './auth/session.service';
import { SignInThrottleService } from './auth/sign-in-throttle.service';
import { DemoSeeder } from './demo/demo-seeder.service';
import { GuardrailSettingsController } from './guardrails/guardrail-settings.controller';
import { HealthController } from './health/health.controller';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { InboxController } from './inbox/inbox.controller';
import { InboxReadService } from './inbox/inbox-read.service';
import { InboxRealtimeController } from './inbox/inbox-realtime.controller';
import { InboxRealtime } from './inbox/inbox-realtime.service';
import { InboxRepliesService } from './inbox/inbox-replies.service';
import { InboxTeamController } from './inbox/inbox-team.controller';
import { InboxTeamService } from './inbox/inbox-team.service';
import { InboxWorkService } from './inbox/inbox-work.service';
import {
  InvitationAcceptanceController,
  OrganisationInvitationsController,
} from './invitations/invitations.controller';
import { InvitationsService } from './invitations/invitations.service';
import { MembersController } from './members/members.controller';
import { MediaController } from './media/media.controller';
import { PublicMediaController } from './media/public-media.controller';
import { MediaService } from './media/media.service';
import { MembersService } from './members/members.service';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { MailerService } from './notifications/mailer.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { PostsController } from './posts/posts.controller';
import { PostsService } from './posts/posts.service';
import { QuietNameFlagsService } from './posts/quiet-name-flags.service';
import { DemoGuardrails } from './demo/demo-guardrails';
import { PublishingPauseController } from './posts/publishing-pause.controller';
import { PublishingPauseService } from './posts/publishing-pause.service';
import { PublishingReportController } from './reports/publishing-report.controller';
import { PublishingReportService } from './reports/publishing-report.service';
import { RecordsApiModule } from './records/records-api.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'api'),
        DatabaseModule,
        QueueModule.forRoot(),
        WebhooksModule,
        RecordsApiModule,
        ChannelsModule,
        GuardrailSettingsModule,
        PublishingModule.forRoot(),
        InboxModule,
      ],
      controllers: [
        AuthController,
        OrganisationsController,
        MembersController,
        OrganisationInvitationsController,
        InvitationAcceptanceController,
        ApiTokensController,
        ChannelsController,
        ChannelOAuthController,
        AuditController,
        GuardrailSettingsController,
        PostsController,
        ApprovalsController,
        PublishingPauseController,
        PublishingReportController,
        NotificationsController,
        MediaController,
        PublicMediaController,
        InboxController,
        InboxRealtimeController,
        InboxTeamController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        PrincipalResolver,
        SessionService,
        SessionViewService,
        SignInThrottleService,
        AuthService,
        AuditQueryService,
        OrganisationsService,
        MembersService,
        InvitationsService,
        ApiTokensService,
        ConnectSettings,
        ChannelsService,
        ChannelConnectService,
        PracticeChannelsService,
        MetricsService,
        DemoSeeder,
        DemoGuardrails,
        ApprovalPolicyService,
        NotificationsService,
        MailerService,
        PostsService,
        QuietNameFlagsService,
        PublishingPauseService,
        PublishingReportService,
        MediaService,
        InboxReadService,
        InboxWorkService,
        InboxRepliesService,
        InboxRealtime,
        InboxTeamService,
      ],
    };
  }
}
