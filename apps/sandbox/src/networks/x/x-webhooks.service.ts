import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { nextSnowflake } from './x-ids';
import { forbidden, invalidRequest, notFoundProblem } from './x-problem';
import { XAppRow, XWebhookRow } from './x-rows';
import { xSignature } from './x-webhook-signature';
import { XAuthRepository } from './x-auth.repository';
import { XWebhooksRepository } from './x-webhooks.repository';

const CRC_TIMEOUT_MS = 3_000;

/**
 * Registering webhooks (POST/GET/PUT/DELETE /2/webhooks, app-only auth) and subscribing users to them
 * (Account Activity). X runs a CRC check against the URL on registration and on PUT; a webhook that fails it
 * is not registered (POST) or is marked invalid (PUT) and receives nothing.
 */
@Injectable()
export class XWebhooksService {
  constructor(
    private readonly auth: XAuthRepository,
    private readonly hooks: XWebhooksRepository,
  ) {}

  async register(clientId: string, url: string): Promise<XWebhookRow> {
    const parsed = parseWebhookUrl(url);
    const app = await this.app(clientId);
    const existing = await this.hooks.webhooksOf(clientId);
    if (existing.some((webhook) => webhook.url === parsed)) {
      throw invalidRequest([
        { parameter: 'url', value: url, message: 'This webhook URL is already registered.' },
      ]);
    }
    const crc = await crcCheck(parsed, app.consumer_secret);
    if (!crc.ok) {
      throw invalidRequest([
        {
          parameter: 'url',
          value: url,
          message: `CRC validation failed: ${crc.reason}. Answer GET ${parsed}?crc_token=... with 200 and JSON {"response_token":"sha256=<base64 HMAC-SHA256 of crc_token keyed with the app's consumer secret>"}.`,
        },
      ]);
    }
    return this.hooks.insertWebhook({
      id: nextSnowflake(),
      client_id: clientId,
      url: parsed,
      valid: true,
    });
  }

  list(clientId: string): Promise<XWebhookRow[]> {
    return this.hooks.webhooksOf(clientId);
  }

  /** PUT /2/webhooks/:id: runs the CRC check again and records the outcome. */
  async revalidate(clientId: string, webhookId: string): Promise<boolean> {
    const webhook = await this.owned(clientId, webhookId);
    const app = await this.app(clientId);
    const crc = await crcCheck(webhook.url, app.consumer_secret);
    await this.hooks.setWebhookValid(webhookId, crc.ok);
    return crc.ok;
  }

  async remove(clientId: string, webhookId: string): Promise<void> {
    await this.owned(clientId, webhookId);
    await this.hooks.deleteWebhook(webhookId);
  }

  async subscribe(clientId: string, webhookId: string, userId: string): Promise<void> {
    await this.owned(clientId, webhookId);
    await this.hooks.subscribe(webhookId, userId);
  }

  async isSubscribed(clientId: string, webhookId: string, userId: string): Promise<boolean> {
    await this.owned(clientId, webhookId);
    return this.hooks.isSubscribed(webhookId, userId);
  }

  async unsubscribe(clientId: string, webhookId: string, userId: string): Promise<void> {
    await this.owned(clientId, webhookId);
    await this.hooks.unsubscribe(webhookId, userId);
  }

  async subscriptions(
    clientId: string,
    webhookId: string,
  ): Promise<{ webhook: XWebhookRow; app: XAppRow; userIds: string[] }> {
    const webhook = await this.owned(clientId, webhookId);
    return {
      webhook,
      app: await this.app(clientId),
      userIds: await this.hooks.subscriptionsOf(webhookId),
    };
  }

  private async owned(clientId: string, webhookId: string): Promise<XWebhookRow> {
    const webhook = await this.hooks.findWebhook(webhookId);
    if (!webhook) throw notFoundProblem('webhook', 'webhook_id', webhookId);
    if (webhook.client_id !== clientId) throw forbidden('This webhook belongs to another app.');
    return webhook;
  }

  private async app(clientId: string): Promise<XAppRow> {
    const app = await this.auth.findApp(clientId);
    if (!app) throw forbidden('The app of this token no longer exists.');
    return app;
  }
}

/**
 * X accepts only https URLs without a port. The sandbox also accepts http (its receivers in tests and the
 * demo run on localhost without TLS) and ports; everything else about the URL must be a valid absolute URL.
 */
function parseWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest([
      { parameter: 'url', value: url, message: 'The webhook URL must be an absolute URL.' },
    ]);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalidRequest([{ parameter: 'url', value: url, message: 'The webhook URL must use https.' }]);
  }
  if (parsed.search) {
    throw invalidRequest([
      { parameter: 'url', value: url, message: 'The webhook URL must not have a query string.' },
    ]);
  }
  return parsed.toString();
}

/** The challenge-response check: GET url?crc_token=T must answer {"response_token": "sha256=" + base64 HMAC}. */
export async function crcCheck(
  url: string,
  consumerSecret: string,
): Promise<{ ok: boolean; reason: string }> {
  const token = randomBytes(24).toString('base64url');
  const target = new URL(url);
  target.searchParams.set('crc_token', token);
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(CRC_TIMEOUT_MS) });
    const text = await response.text();
    if (response.status !== 200) return { ok: false, reason: `the URL answered ${response.status}` };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'the answer was not JSON' };
    }
    const expected = xSignature(consumerSecret, token);
    const actual =
      typeof body === 'object' && body ? (body as Record<string, unknown>).response_token : undefined;
    if (actual !== expected) return { ok: false, reason: 'response_token did not match' };
    return { ok: true, reason: 'ok' };
  } catch (error) {
    return {
      ok: false,
      reason: `the URL could not be reached (${error instanceof Error ? error.message : error})`,
    };
  }
}
