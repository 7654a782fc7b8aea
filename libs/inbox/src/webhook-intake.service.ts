import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobName, JobQueue } from '@outside-in/queue';
import { DataSource } from 'typeorm';
import { webhookEventJobId } from './inbox-scheduler.service';

/** The headers kept with a raw event: enough to re-verify and to tell senders apart; never cookies or tokens. */
const KEPT_HEADERS = [
  'content-type',
  'user-agent',
  'x-hub-signature-256',
  'x-twitter-webhooks-signature',
] as const;

/**
 * Keeps a verified webhook delivery exactly as it came and queues its processing. Called by the webhook routes
 * after the signature check, so the sender gets its answer at once; if queueing fails after the row is stored,
 * the inbox scheduler queues the event again a minute later.
 */
@Injectable()
export class WebhookIntake {
  private readonly logger = new Logger(WebhookIntake.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  async accept(
    source: string,
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<string> {
    const kept: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = headers[name];
      if (typeof value === 'string') kept[name] = value.slice(0, 500);
    }
    const [row] = (await this.dataSource.query(
      `INSERT INTO webhook_event (source, headers, raw_body) VALUES ($1, $2, $3) RETURNING id`,
      [source, kept, rawBody.toString('utf8').replaceAll('\u0000', '')],
    )) as Array<{ id: string }>;
    try {
      await this.jobs.enqueue(
        JobName.ProcessWebhookEvent,
        { webhookEventId: row.id },
        { jobId: webhookEventJobId(row.id) },
      );
    } catch (error) {
      // Stored is what matters: the scheduler re-queues unprocessed events a minute later.
      this.logger.warn(
        { webhookEventId: row.id, err: error },
        'Could not queue a webhook event; it will be re-queued',
      );
    }
    return row.id;
  }
}
