import { Module } from '@nestjs/common';
import { ChannelsModule } from '@outside-in/channels';
import { ChannelPoller } from './channel-poller.service';
import { InboxIngestor } from './inbox-ingestor.service';
import { InboxScheduler } from './inbox-scheduler.service';
import { WebhookEventProcessor } from './webhook-event-processor.service';
import { WebhookIntake } from './webhook-intake.service';

/** Inbound: the ingestor, per-channel polling, its scheduler, and webhook events from intake to ingestion. */
@Module({
  imports: [ChannelsModule],
  providers: [InboxIngestor, ChannelPoller, InboxScheduler, WebhookIntake, WebhookEventProcessor],
  exports: [InboxIngestor, ChannelPoller, InboxScheduler, WebhookIntake, WebhookEventProcessor],
})
export class InboxModule {}
