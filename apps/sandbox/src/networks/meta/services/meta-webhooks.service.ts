import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { MetaWebhooksRepository } from '../store/meta-webhooks.repository';

/** Delays before the 2nd, 3rd ... attempt. Meta retries for hours; the sandbox keeps it short. */
const RETRY_DELAYS_MS = [1_000, 5_000, 15_000];
const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ENTRIES_PER_DELIVERY = 100;

/** `sha256=` + hex HMAC-SHA256 of the exact body bytes with the app secret, as Meta signs deliveries. */
export function signMetaPayload(
  appSecret: string,
  body: string | Buffer,
  algorithm: 'sha256' | 'sha1' = 'sha256',
): string {
  return `${algorithm}=${createHmac(algorithm, appSecret).update(body).digest('hex')}`;
}

/**
 * Signed webhook deliveries (X-Hub-Signature-256, and the legacy X-Hub-Signature) to every app that
 * subscribed to the object and field and that the page installed. Deliveries are recorded (see
 * GET /_sandbox/meta/webhook-deliveries) and retried a few times on failure.
 */
@Injectable()
export class MetaWebhooksService implements OnApplicationShutdown {
  private readonly logger = new Logger(MetaWebhooksService.name);
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly repository: MetaWebhooksRepository) {}

  /**
   * Queues one event for this page (for Instagram: the linked page). `entry` is one element of the
   * payload's `entry` array. Never throws: a webhook problem must not fail the API call that caused it.
   */
  emit(pageId: string, object: 'page' | 'instagram', field: string, entry: Record<string, unknown>): void {
    this.emitMany(pageId, object, field, [entry]);
  }

  /**
   * Many events at once (crowd bursts). Meta batches events too: one POST carries up to
   * MAX_ENTRIES_PER_DELIVERY entries.
   */
  emitMany(
    pageId: string,
    object: 'page' | 'instagram',
    field: string,
    entries: Record<string, unknown>[],
  ): void {
    if (entries.length === 0) return;
    const work = this.fanOut(pageId, object, field, entries).catch((error: unknown) =>
      this.logger.warn(`Could not queue a ${object}/${field} webhook: ${String(error)}`),
    );
    this.track(work);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private async fanOut(
    pageId: string,
    object: 'page' | 'instagram',
    field: string,
    entries: Record<string, unknown>[],
  ): Promise<void> {
    const targets = await this.repository.targets(pageId, object, field);
    for (const target of targets) {
      for (let start = 0; start < entries.length; start += MAX_ENTRIES_PER_DELIVERY) {
        const body = JSON.stringify({
          object,
          entry: entries.slice(start, start + MAX_ENTRIES_PER_DELIVERY),
        });
        const id = await this.repository.insertDelivery({
          appId: target.app_id,
          object,
          field,
          callbackUrl: target.callback_url,
          body,
        });
        this.track(this.attempt(id, target.callback_url, target.secret, body, 0));
      }
    }
  }

  private async attempt(
    id: string,
    url: string,
    secret: string,
    body: string,
    attempt: number,
  ): Promise<void> {
    if (this.stopped) return;
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          'x-hub-signature-256': signMetaPayload(secret, body),
          'x-hub-signature': signMetaPayload(secret, body, 'sha1'),
        },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const delivered = status !== undefined && status >= 200 && status < 300;
    const final = delivered || attempt >= RETRY_DELAYS_MS.length || this.stopped;
    if (!delivered && !error) error = `callback answered HTTP ${status}`;
    await this.repository.markAttempt(id, { delivered, final, status, error }).catch(() => undefined);
    if (!final) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.track(this.attempt(id, url, secret, body, attempt + 1));
      }, RETRY_DELAYS_MS[attempt]);
      this.timers.add(timer);
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}
