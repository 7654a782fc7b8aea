import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobName, JobQueue, jobId } from '@outside-in/queue';
import { DataSource } from 'typeorm';
import { POLL_DEFAULT_MS } from './poll-cadence';

/** A claimed poll that never reported back (job lost, worker died) is claimed again after this. */
export const POLL_LEASE_MS = 2 * 60_000;
/** A webhook event still unprocessed after this is queued again (its job was lost or is failing). */
export const WEBHOOK_STRANDED_MS = 60_000;
/** An event that failed this many times waits for a person (its error is kept). */
export const WEBHOOK_MAX_ATTEMPTS = 10;
const BATCH = 500;

export const inboxPollJobId = (channelId: string): string => jobId('inbox-poll', channelId);
export const webhookEventJobId = (eventId: string): string => jobId('webhook-event', eventId);

/**
 * The inbox's clock, run every few seconds by a repeating job. Connected channels get an inbound_poll row; rows
 * that are due are claimed (next_poll_at moves one lease ahead, under SKIP LOCKED so several workers never
 * claim the same channel) and a poll job with the channel's deterministic id is queued. The poll itself sets
 * the real next time. Webhook events left unprocessed are queued again, so Redis losing a job loses nothing.
 */
@Injectable()
export class InboxScheduler {
  private readonly logger = new Logger(InboxScheduler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  async run(): Promise<{ polls: number; webhookEvents: number }> {
    const polls = await this.claimDuePolls();
    for (const channelId of polls)
      await this.jobs.enqueue(JobName.PollChannel, { channelId }, { jobId: inboxPollJobId(channelId) });
    const events = await this.strandedWebhookEvents();
    for (const webhookEventId of events)
      await this.jobs.enqueue(
        JobName.ProcessWebhookEvent,
        { webhookEventId },
        { jobId: webhookEventJobId(webhookEventId) },
      );
    if (polls.length || events.length)
      this.logger.debug({ polls: polls.length, webhookEvents: events.length }, 'Queued inbox work');
    return { polls: polls.length, webhookEvents: events.length };
  }

  async claimDuePolls(): Promise<string[]> {
    await this.dataSource.query(
      `INSERT INTO inbound_poll (channel_id, next_poll_at, interval_ms)
       SELECT id, now(), $1 FROM channel WHERE status = 'connected'
       ON CONFLICT (channel_id) DO NOTHING`,
      [POLL_DEFAULT_MS],
    );
    const [rows] = (await this.dataSource.query(
      `UPDATE inbound_poll p SET next_poll_at = now() + make_interval(secs => $1)
        WHERE p.channel_id IN (
          SELECT d.channel_id FROM inbound_poll d JOIN channel c ON c.id = d.channel_id
           WHERE c.status = 'connected' AND d.next_poll_at <= now()
           ORDER BY d.next_poll_at
           LIMIT $2
           FOR UPDATE OF d SKIP LOCKED)
        RETURNING p.channel_id`,
      [POLL_LEASE_MS / 1000, BATCH],
    )) as [Array<{ channel_id: string }>, number];
    return rows.map((row) => row.channel_id);
  }

  private async strandedWebhookEvents(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM webhook_event
        WHERE processed_at IS NULL AND received_at < now() - make_interval(secs => $1) AND attempts < $2
        ORDER BY received_at
        LIMIT $3`,
      [WEBHOOK_STRANDED_MS / 1000, WEBHOOK_MAX_ATTEMPTS, BATCH],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }
}
