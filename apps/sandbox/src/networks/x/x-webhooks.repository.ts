import { Injectable } from '@nestjs/common';
import { SandboxDb } from '../../core/sandbox-db';
import { XWebhookRow } from './x-rows';

/** Registered webhooks and the users subscribed to them (Account Activity). */
@Injectable()
export class XWebhooksRepository {
  constructor(readonly db: SandboxDb) {}

  async insertWebhook(webhook: Omit<XWebhookRow, 'created_at'>): Promise<XWebhookRow> {
    const [row] = await this.db.query<XWebhookRow>(
      `INSERT INTO x_webhooks (id, client_id, url, valid) VALUES ($1, $2, $3, $4) RETURNING *`,
      [webhook.id, webhook.client_id, webhook.url, webhook.valid],
    );
    return row;
  }

  async webhooksOf(clientId: string): Promise<XWebhookRow[]> {
    return this.db.query<XWebhookRow>('SELECT * FROM x_webhooks WHERE client_id = $1 ORDER BY id', [
      clientId,
    ]);
  }

  async findWebhook(id: string): Promise<XWebhookRow | undefined> {
    const [row] = await this.db.query<XWebhookRow>('SELECT * FROM x_webhooks WHERE id = $1', [id]);
    return row;
  }

  async setWebhookValid(id: string, valid: boolean): Promise<void> {
    await this.db.execute('UPDATE x_webhooks SET valid = $2 WHERE id = $1', [id, valid]);
  }

  async deleteWebhook(id: string): Promise<number> {
    return this.db.execute('DELETE FROM x_webhooks WHERE id = $1', [id]);
  }

  async subscribe(webhookId: string, userId: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO x_webhook_subscriptions (webhook_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [webhookId, userId],
    );
  }

  async unsubscribe(webhookId: string, userId: string): Promise<number> {
    return this.db.execute('DELETE FROM x_webhook_subscriptions WHERE webhook_id = $1 AND user_id = $2', [
      webhookId,
      userId,
    ]);
  }

  async isSubscribed(webhookId: string, userId: string): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 FROM x_webhook_subscriptions WHERE webhook_id = $1 AND user_id = $2',
      [webhookId, userId],
    );
    return rows.length > 0;
  }

  async subscriptionsOf(webhookId: string): Promise<string[]> {
    const rows = await this.db.query<{ user_id: string }>(
      'SELECT user_id FROM x_webhook_subscriptions WHERE webhook_id = $1 ORDER BY created_at',
      [webhookId],
    );
    return rows.map((row) => row.user_id);
  }

  /** Where to deliver events for a user: valid webhooks subscribed to them, with the app's consumer secret. */
  async deliveryTargets(
    userIds: string[],
  ): Promise<Array<{ url: string; consumer_secret: string; user_id: string }>> {
    if (!userIds.length) return [];
    return this.db.query(
      `SELECT w.url, a.consumer_secret, s.user_id::text AS user_id
         FROM x_webhook_subscriptions s
         JOIN x_webhooks w ON w.id = s.webhook_id
         JOIN x_apps a ON a.client_id = w.client_id
        WHERE s.user_id = ANY($1::bigint[]) AND w.valid`,
      [userIds],
    );
  }
}
