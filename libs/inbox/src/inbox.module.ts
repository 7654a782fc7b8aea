import { Module } from '@nestjs/common';
import { ChannelsModule } from '@outside-in/channels';
import { GuardrailSettingsModule } from '@outside-in/guardrail-settings';
import { InboundGuardrails } from './guardrails/inbound-guardrails.service';
import { ConversationMeasures } from './guardrails/conversation-measures.service';
import { SafeguardingMail } from './guardrails/safeguarding-mail';
import { ChannelPoller } from './channel-poller.service';
import { InboxEventBus } from './inbox-events';
import { InboxIngestor } from './inbox-ingestor.service';
import { InboxScheduler } from './inbox-scheduler.service';
import { WebhookEventProcessor } from './webhook-event-processor.service';
import { WebhookIntake } from './webhook-intake.service';
import { ReplySender } from './reply-sender.service';
import { MessageChanges } from './message-changes.service';
import { WebhookSubscriber } from './webhook-subscriber.service';
import { RoundRobinAssigner } from './round-robin-assigner.service';

/** Inbound: the ingestor, per-channel polling, its scheduler, and webhook events from intake to ingestion. */
@Module({
  imports: [ChannelsModule, GuardrailSettingsModule],
  providers: [
    InboundGuardrails,
    SafeguardingMail,
    ConversationMeasures,
    InboxIngestor,
    ChannelPoller,
    InboxScheduler,
    WebhookIntake,
    WebhookEventProcessor,
    InboxEventBus,
    ReplySender,
    MessageChanges,
    WebhookSubscriber,
    RoundRobinAssigner,
  ],
  exports: [
    InboundGuardrails,
    ConversationMeasures,
    InboxIngestor,
    ChannelPoller,
    InboxScheduler,
    WebhookIntake,
    WebhookEventProcessor,
    InboxEventBus,
    ReplySender,
    MessageChanges,
    WebhookSubscriber,
    RoundRobinAssigner,
  ],
})
export class InboxModule {}
