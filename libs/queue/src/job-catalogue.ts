import type { JobsOptions } from 'bullmq';

/**
 * Every job Outside In runs, in one place: its queue, its payload and its options.
 * Payloads carry ids only; a handler re-reads its rows and does nothing unless they are in the
 * state it expects, so a job run twice, late or after a Redis loss is harmless.
 */
export enum QueueName {
  Maintenance = 'maintenance',
  Publishing = 'publishing',
  Inbox = 'inbox',
  Records = 'records',
}

export enum JobName {
  /** Deletes expired sessions, throttles and long-dead invitations. Repeats. */
  PurgeExpired = 'maintenance.purge-expired',
  /** Renews channel credentials that expire within 20 minutes; a refusal makes the channel needs_reconnect. Repeats. */
  RefreshChannelCredentials = 'channels.refresh-credentials',
  /**
   * Publishes one post target when it is due. Id: target id, version and not-before instant (publishJobId in
   * libs/publishing), so a reschedule or a deferral makes a new job and the reconciler recreates the same one.
   */
  PublishTarget = 'publishing.publish-target',
  /** Settles a target whose publish call had an unknown outcome: read back, then publish only if absent. */
  SettlePublishing = 'publishing.settle',
  /** Re-creates jobs for due targets, settles stuck ones, marks long-overdue ones missed. Repeats. */
  ReconcilePublishing = 'publishing.reconcile',
  /** Polls one channel's inbound (mentions, comments, DMs) from its stored cursor. Id: inboxPollJobId(channel). */
  PollChannel = 'inbox.poll-channel',
  /** Maps one stored webhook delivery to inbound items and ingests them. Id: the webhook event's id. */
  ProcessWebhookEvent = 'inbox.process-webhook-event',
  /** Queues polls for connected channels that are due, and re-queues webhook events left unprocessed. Repeats. */
  ScheduleInbox = 'inbox.schedule',
  /** Sends one approved reply (claim, call, record). Id: replyDeliverJobId(message, attempts). */
  DeliverReply = 'inbox.deliver-reply',
  /** Settles a reply whose send had an unknown outcome: read back, then send only if truly absent. */
  SettleReply = 'inbox.settle-reply',
  /** Re-queues approved replies without a job, settles stuck sends, wakes snoozed conversations. Repeats. */
  ReconcileInbox = 'inbox.reconcile',
  /** Deletes messages past each organisation's retention period, never what a legal hold covers. Repeats. */
  PurgeRetention = 'records.purge-retention',
}

export interface JobPayloads {
  [JobName.PurgeExpired]: Record<string, never>;
  [JobName.RefreshChannelCredentials]: Record<string, never>;
  [JobName.PublishTarget]: { targetId: string; version: number };
  [JobName.SettlePublishing]: { targetId: string; claimToken: string };
  [JobName.ReconcilePublishing]: Record<string, never>;
  [JobName.PollChannel]: { channelId: string };
  [JobName.ProcessWebhookEvent]: { webhookEventId: string };
  [JobName.ScheduleInbox]: Record<string, never>;
  [JobName.DeliverReply]: { messageId: string };
  [JobName.SettleReply]: { messageId: string; claimToken: string };
  [JobName.ReconcileInbox]: Record<string, never>;
  [JobName.PurgeRetention]: Record<string, never>;
}

export interface JobDefinition {
  queue: QueueName;
  options: JobsOptions;
  /** For repeating jobs: every how many milliseconds. */
  everyMs?: number;
}

export const JOB_CATALOGUE: { [N in JobName]: JobDefinition } = {
  [JobName.PurgeExpired]: {
    queue: QueueName.Maintenance,
    everyMs: 15 * 60 * 1000,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: 100,
      removeOnFail: 500,
    },
  },
  [JobName.RefreshChannelCredentials]: {
    queue: QueueName.Maintenance,
    everyMs: 5 * 60 * 1000,
    options: { attempts: 1, removeOnComplete: 20, removeOnFail: 100 },
  },
  // Publishing jobs are removed when done, so a job id never blocks the reconciler from recreating it; the
  // row's state (not the job) says whether anything is left to do. Attempts cover infrastructure errors only
  // (Postgres or Redis briefly away): the runner classifies platform errors itself.
  [JobName.PublishTarget]: {
    queue: QueueName.Publishing,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  },
  [JobName.SettlePublishing]: {
    queue: QueueName.Publishing,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  },
  [JobName.ReconcilePublishing]: {
    queue: QueueName.Publishing,
    everyMs: 30 * 1000,
    options: { attempts: 1, removeOnComplete: 10, removeOnFail: 50 },
  },
  // Inbox jobs are removed when done so their deterministic ids free up for the next poll or a re-queue; the
  // inbound_poll and webhook_event rows say what is left to do.
  [JobName.PollChannel]: {
    queue: QueueName.Inbox,
    options: { attempts: 1, removeOnComplete: true, removeOnFail: true },
  },
  [JobName.ProcessWebhookEvent]: {
    queue: QueueName.Inbox,
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  },
  [JobName.ScheduleInbox]: {
    queue: QueueName.Inbox,
    everyMs: 10 * 1000,
    options: { attempts: 1, removeOnComplete: 10, removeOnFail: 50 },
  },
  // Reply jobs are removed when done (the reconciler recomputes their ids); attempts cover infrastructure errors
  // only, the sender classifies the network's own errors.
  [JobName.DeliverReply]: {
    queue: QueueName.Inbox,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  },
  [JobName.SettleReply]: {
    queue: QueueName.Inbox,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  },
  [JobName.ReconcileInbox]: {
    queue: QueueName.Inbox,
    everyMs: 30 * 1000,
    options: { attempts: 1, removeOnComplete: 10, removeOnFail: 50 },
  },
  // Hourly is enough: the cutoff moves a day at a time. One attempt: the next run picks up what is left.
  [JobName.PurgeRetention]: {
    queue: QueueName.Records,
    everyMs: 60 * 60 * 1000,
    options: { attempts: 1, removeOnComplete: 24, removeOnFail: 100 },
  },
};

export const ALL_QUEUES = Object.values(QueueName);
