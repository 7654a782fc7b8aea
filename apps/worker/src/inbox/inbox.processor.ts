import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { ChannelPoller, InboxScheduler, ReplySender, WebhookEventProcessor } from '@outside-in/inbox';
import { JobName, JobPayloads, QueueName } from '@outside-in/queue';

/**
 * The inbox queue: per-channel polls, stored webhook events, and the scheduler that queues both. Each handler
 * re-reads its rows (channel status and cursor, the event's processed_at), so a job run twice does no harm.
 */
@Processor(QueueName.Inbox, { concurrency: 4 })
export class InboxProcessor extends WorkerHost {
  private readonly logger = new Logger(InboxProcessor.name);

  constructor(
    private readonly poller: ChannelPoller,
    private readonly scheduler: InboxScheduler,
    private readonly webhookEvents: WebhookEventProcessor,
    private readonly replies: ReplySender,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.PollChannel: {
        const { channelId } = job.data as JobPayloads[JobName.PollChannel];
        return this.poller.poll(channelId);
      }
      case JobName.ProcessWebhookEvent: {
        const { webhookEventId } = job.data as JobPayloads[JobName.ProcessWebhookEvent];
        return this.webhookEvents.process(webhookEventId);
      }
      case JobName.ScheduleInbox:
        return this.scheduler.run();
      case JobName.DeliverReply: {
        const { messageId } = job.data as JobPayloads[JobName.DeliverReply];
        return this.replies.deliver(messageId);
      }
      case JobName.SettleReply: {
        const { messageId, claimToken } = job.data as JobPayloads[JobName.SettleReply];
        return this.replies.settle(messageId, claimToken);
      }
      case JobName.ReconcileInbox:
        return this.replies.reconcile();
      default:
        this.logger.warn(`Unknown job ${job.name} on ${QueueName.Inbox}; ignored`);
        return undefined;
    }
  }
}
