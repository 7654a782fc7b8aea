import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { webhookParser, type WebhookBatch } from '@outside-in/platforms/webhook-parsers';
import { DataSource } from 'typeorm';
import { InboxIngestor } from './inbox-ingestor.service';
import { MessageChanges } from './message-changes.service';

export interface WebhookOutcome {
  outcome: 'processed' | 'already_processed' | 'missing' | 'unreadable';
  items: number;
  inserted: number;
  duplicates: number;
  /** Accounts the event named that no live channel has (an app still subscribed for a page since removed). */
  unmatchedAccounts: number;
  /** Stored messages whose author edited them, and ones marked deleted by their author (see MessageChanges). */
  edited: number;
  deleted: number;
}

/**
 * Processes one stored webhook event: the sender's parser (beside the adapters) maps it to inbound items per
 * account; each account's channels (one page may be connected by several organisations) ingest them, including
 * a channel waiting to be reconnected: ingesting needs no credentials, and the public's messages are not lost
 * while a person gets round to reconnecting. Disabled channels take nothing. The event is marked processed with
 * its outcome; a failure keeps the error and lets the job retry. An event processed twice ingests nothing new
 * (message dedup), so retries and replays are harmless.
 */
@Injectable()
export class WebhookEventProcessor {
  private readonly logger = new Logger(WebhookEventProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingestor: InboxIngestor,
    private readonly changes: MessageChanges,
  ) {}

  async process(webhookEventId: string): Promise<WebhookOutcome> {
    const outcome: WebhookOutcome = {
      outcome: 'processed',
      items: 0,
      inserted: 0,
      duplicates: 0,
      unmatchedAccounts: 0,
      edited: 0,
      deleted: 0,
    };
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = (await this.dataSource.query(
      `UPDATE webhook_event SET attempts = attempts + 1 WHERE id = $1
       RETURNING source, raw_body, processed_at`,
      [webhookEventId],
    )) as [Array<{ source: string; raw_body: string; processed_at: Date | null }>, number];
    const event = rows[0];
    if (!event) return { ...outcome, outcome: 'missing' };
    if (event.processed_at) return { ...outcome, outcome: 'already_processed' };

    let batches: WebhookBatch[];
    try {
      batches = webhookParser(event.source).parse(JSON.parse(event.raw_body));
    } catch (error) {
      // Signed but unreadable: retrying cannot help. Kept, with the reason, for a person to look at.
      await this.finish(webhookEventId, { ...outcome, outcome: 'unreadable' }, describe(error));
      return { ...outcome, outcome: 'unreadable' };
    }

    try {
      for (const batch of batches) {
        const channels = (await this.dataSource.query(
          `SELECT id FROM channel
            WHERE network = $1 AND external_account_id = $2 AND status IN ('connected', 'needs_reconnect')`,
          [batch.network, batch.accountExternalId],
        )) as Array<{ id: string }>;
        if (!channels.length) outcome.unmatchedAccounts += 1;
        outcome.items += batch.items.length;
        for (const channel of channels) {
          if (batch.items.length) {
            const result = await this.ingestor.ingest(channel.id, batch.items);
            outcome.inserted += result.inserted;
            outcome.duplicates += result.duplicates;
          }
          // After the items: an event may carry a comment and its edit together.
          if (batch.changes?.length) {
            const applied = await this.changes.apply(channel.id, batch.changes);
            outcome.edited += applied.edited;
            outcome.deleted += applied.deleted;
          }
        }
      }
    } catch (error) {
      await this.dataSource.query(`UPDATE webhook_event SET error = $2 WHERE id = $1`, [
        webhookEventId,
        describe(error),
      ]);
      this.logger.warn(
        { webhookEventId, err: error },
        'Processing a webhook event failed; it will be retried',
      );
      throw error;
    }
    await this.finish(webhookEventId, outcome, null);
    return outcome;
  }

  private async finish(id: string, outcome: WebhookOutcome, error: string | null): Promise<void> {
    const { outcome: _label, ...counts } = outcome;
    await this.dataSource.query(
      `UPDATE webhook_event SET processed_at = now(), outcome = $2, error = $3 WHERE id = $1`,
      [id, counts, error],
    );
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
