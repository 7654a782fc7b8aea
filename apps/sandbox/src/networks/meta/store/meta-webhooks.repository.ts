import { Injectable } from '@nestjs/common';
import { SandboxDb } from '../../../core/sandbox-db';

export interface AppSubscription {
  app_id: string;
  object: string;
  callback_url: string;
  verify_token: string;
  fields: string[];
}

export interface WebhookDelivery {
  id: string;
  app_id: string;
  object: string;
  field: string;
  callback_url: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** App-level webhook subscriptions, the pages that installed the app, and every delivery attempt. */
@Injectable()
export class MetaWebhooksRepository {
  constructor(private readonly db: SandboxDb) {}

  async upsertAppSubscription(sub: AppSubscription): Promise<void> {
    await this.db.execute(
      `INSERT INTO meta_app_subscriptions (app_id, object, callback_url, verify_token, fields) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (app_id, object) DO UPDATE SET callback_url = $3, verify_token = $4,
         fields = ARRAY(SELECT DISTINCT unnest(meta_app_subscriptions.fields || $5))`,
      [sub.app_id, sub.object, sub.callback_url, sub.verify_token, sub.fields],
    );
  }

  async appSubscriptions(appId: string): Promise<AppSubscription[]> {
    return this.db.query<AppSubscription>(
      'SELECT * FROM meta_app_subscriptions WHERE app_id = $1 ORDER BY object',
      [appId],
    );
  }

  async deleteAppSubscription(appId: string, object?: string): Promise<void> {
    await this.db.execute(
      'DELETE FROM meta_app_subscriptions WHERE app_id = $1 AND ($2::text IS NULL OR object = $2)',
      [appId, object ?? null],
    );
  }

  async upsertPageSubscription(pageId: string, appId: string, fields: string[]): Promise<void> {
    await this.db.execute(
      `INSERT INTO meta_page_subscriptions (page_id, app_id, fields) VALUES ($1, $2, $3)
       ON CONFLICT (page_id, app_id) DO UPDATE SET fields = $3`,
      [pageId, appId, fields],
    );
  }

  async pageSubscriptions(
    pageId: string,
  ): Promise<Array<{ app_id: string; name: string; fields: string[] }>> {
    return this.db.query(
      `SELECT s.app_id, a.name, s.fields FROM meta_page_subscriptions s JOIN meta_apps a ON a.id = s.app_id
       WHERE s.page_id = $1 ORDER BY s.app_id`,
      [pageId],
    );
  }

  async deletePageSubscription(pageId: string, appId: string): Promise<void> {
    await this.db.execute('DELETE FROM meta_page_subscriptions WHERE page_id = $1 AND app_id = $2', [
      pageId,
      appId,
    ]);
  }

  /**
   * Where an event about this page goes: every app the page installed with the field, whose app-level
   * subscription for the object also has the field.
   */
  async targets(
    pageId: string,
    object: 'page' | 'instagram',
    field: string,
  ): Promise<Array<AppSubscription & { secret: string }>> {
    return this.db.query(
      `SELECT a.*, apps.secret FROM meta_page_subscriptions p
         JOIN meta_app_subscriptions a ON a.app_id = p.app_id AND a.object = $2
         JOIN meta_apps apps ON apps.id = a.app_id
       WHERE p.page_id = $1 AND $3 = ANY (a.fields) AND ($2 = 'instagram' OR $3 = ANY (p.fields))`,
      [pageId, object, field],
    );
  }

  async insertDelivery(d: {
    appId: string;
    object: string;
    field: string;
    callbackUrl: string;
    body: string;
  }): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO meta_webhook_deliveries (app_id, object, field, callback_url, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [d.appId, d.object, d.field, d.callbackUrl, d.body],
    );
    return String(row.id);
  }

  async markAttempt(
    id: string,
    outcome: { delivered: boolean; final: boolean; status?: number; error?: string },
  ): Promise<void> {
    await this.db.execute(
      `UPDATE meta_webhook_deliveries SET attempts = attempts + 1, last_status = $2, last_error = $3,
         state = CASE WHEN $4 THEN 'delivered' WHEN $5 THEN 'failed' ELSE 'pending' END,
         delivered_at = CASE WHEN $4 THEN now() ELSE delivered_at END
       WHERE id = $1`,
      [id, outcome.status ?? null, outcome.error ?? null, outcome.delivered, outcome.final],
    );
  }

  async listDeliveries(appId?: string, limit = 100): Promise<WebhookDelivery[]> {
    return this.db.query<WebhookDelivery>(
      'SELECT * FROM meta_webhook_deliveries WHERE ($1::text IS NULL OR app_id = $1) ORDER BY id DESC LIMIT $2',
      [appId ?? null, limit],
    );
  }
}
