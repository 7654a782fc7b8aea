import { DataSource } from 'typeorm';

/** How long a webhook delivery processed without trouble is kept (it is in the messages by then). */
export const WEBHOOK_EVENT_KEEP_DAYS = 30;
/** How long one that failed, could not be read or was never processed is kept, for a person to look into. */
export const WEBHOOK_EVENT_FAILED_KEEP_DAYS = 180;
/** Rows deleted per statement, so a large backlog never holds one long transaction. */
const PURGE_BATCH = 5_000;

export interface WebhookEventPurge {
  /** Processed cleanly and older than the normal period. */
  processed: number;
  /** Failed, unreadable or never processed, and older than the longer period. */
  failed: number;
}

/**
 * Deletes raw webhook deliveries once they have served their purpose. A delivery processed cleanly is only a copy
 * of what the messages already hold (each message keeps its own raw payload), so it goes after `keepDays`
 * (default 30). One that failed, could not be read, or was never processed is evidence of a problem: it is kept
 * for `failedKeepDays` (default 180) and meanwhile counted on the operations page. Run by the maintenance queue;
 * repeating it deletes nothing more.
 */
export async function purgeWebhookEvents(
  dataSource: DataSource,
  options: { keepDays?: number; failedKeepDays?: number; now?: Date } = {},
): Promise<WebhookEventPurge> {
  const keepDays = options.keepDays ?? WEBHOOK_EVENT_KEEP_DAYS;
  const failedKeepDays = Math.max(options.failedKeepDays ?? WEBHOOK_EVENT_FAILED_KEEP_DAYS, keepDays);
  const now = (options.now ?? new Date()).toISOString();
  const purge = async (condition: string, days: number): Promise<number> => {
    let total = 0;
    for (;;) {
      const [, count] = (await dataSource.query(
        `DELETE FROM webhook_event WHERE id IN (
           SELECT id FROM webhook_event
            WHERE received_at < $1::timestamptz - make_interval(days => $2) AND ${condition}
            ORDER BY received_at
            LIMIT $3)`,
        [now, days, PURGE_BATCH],
      )) as [unknown, number];
      total += count;
      if (count < PURGE_BATCH) return total;
    }
  };
  return {
    processed: await purge(`processed_at IS NOT NULL AND error IS NULL`, keepDays),
    failed: await purge(`(processed_at IS NULL OR error IS NOT NULL)`, failedKeepDays),
  };
}

/** The deliveries a person should look at: failed, unreadable, or stuck unprocessed for over an hour. */
export async function troubledWebhookEvents(
  dataSource: DataSource,
): Promise<{ count: number; oldest: Date | null }> {
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS count, min(received_at) AS oldest FROM webhook_event
      WHERE error IS NOT NULL OR (processed_at IS NULL AND received_at < now() - interval '1 hour')`,
  )) as Array<{ count: number; oldest: Date | null }>;
  return { count: row.count, oldest: row.oldest };
}
