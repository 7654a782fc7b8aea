import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { XDmEventRow, XTweetRow, XUserRow } from './x-rows';
import { legacyDmEvent, legacyDmUser, legacyTweet, serializePayload } from './x-webhook-payloads';
import { xSignature } from './x-webhook-signature';
import { XRepository } from './x.repository';
import { XWebhooksRepository } from './x-webhooks.repository';

/** X retries a failed delivery a few times; the sandbox does the same, sooner. */
const RETRY_DELAYS_MS = [1_000, 3_000];
const DELIVERY_TIMEOUT_MS = 3_000;

/**
 * Signed POST deliveries to the webhooks subscribed to a user (Account Activity API): posts that involve the
 * user (theirs, mentions of them, replies to them), deletions of their posts, and DMs they send or receive.
 * Deliveries run after the response, never inside the request that caused them.
 */
@Injectable()
export class XWebhookDeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger(XWebhookDeliveryService.name);
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly hooks: XWebhooksRepository,
    private readonly repository: XRepository,
  ) {}

  tweetCreated(tweet: XTweetRow): void {
    this.run(async () => {
      const involved = new Set<string>([String(tweet.author_id), ...tweet.mentioned_user_ids.map(String)]);
      if (tweet.in_reply_to_user_id) involved.add(String(tweet.in_reply_to_user_id));
      const targets = await this.hooks.deliveryTargets([...involved]);
      if (!targets.length) return;
      const users = await this.repository.findUsers([...involved]);
      const byId = new Map(users.map((user) => [String(user.id), user]));
      const author = byId.get(String(tweet.author_id));
      if (!author) return;
      const event = legacyTweet(tweet, author, byId);
      for (const target of targets) {
        const mentionsUser = target.user_id !== String(tweet.author_id);
        const payload = {
          for_user_id: target.user_id,
          ...(mentionsUser ? { user_has_blocked: 'false' } : {}),
          tweet_create_events: [event],
        };
        this.send(target.url, target.consumer_secret, serializePayload(payload));
      }
    });
  }

  tweetDeleted(tweet: XTweetRow): void {
    this.run(async () => {
      const targets = await this.hooks.deliveryTargets([String(tweet.author_id)]);
      for (const target of targets) {
        const payload = {
          for_user_id: target.user_id,
          tweet_delete_events: [
            {
              status: { id: String(tweet.id), user_id: String(tweet.author_id) },
              timestamp_ms: String(Date.now()),
            },
          ],
        };
        this.send(target.url, target.consumer_secret, serializePayload(payload));
      }
    });
  }

  /** Both ends of a DM get it: the sender's copy lets an inbox recognise its own outgoing messages. */
  dmCreated(event: XDmEventRow, appId: string): void {
    this.run(async () => {
      const ids = [String(event.sender_id), String(event.recipient_id)];
      const targets = await this.hooks.deliveryTargets(ids);
      if (!targets.length) return;
      const users = await this.repository.findUsers(ids);
      const usersObject = Object.fromEntries(
        users.map((user: XUserRow) => [String(user.id), legacyDmUser(user)]),
      );
      for (const target of targets) {
        const payload = {
          for_user_id: target.user_id,
          direct_message_events: [legacyDmEvent(event, appId)],
          apps: { [appId]: { id: appId, name: 'Outside In', url: 'https://outside-in.example' } },
          users: usersObject,
        };
        this.send(target.url, target.consumer_secret, serializePayload(payload));
      }
    });
  }

  /** Waits for deliveries under way (tests use it through the module to avoid racing the receiver). */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private run(task: () => Promise<void>): void {
    const promise = task()
      .catch((error: unknown) => this.logger.warn(`Webhook delivery failed: ${describe(error)}`))
      .finally(() => this.inFlight.delete(promise));
    this.inFlight.add(promise);
  }

  private send(url: string, consumerSecret: string, body: string, attempt = 0): void {
    if (this.stopped) return;
    this.run(async () => {
      const ok = await post(url, body, xSignature(consumerSecret, body));
      if (ok || attempt >= RETRY_DELAYS_MS.length || this.stopped) {
        if (!ok) this.logger.warn(`Gave up delivering an Account Activity event to ${url}`);
        return;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.send(url, consumerSecret, body, attempt + 1);
      }, RETRY_DELAYS_MS[attempt]);
      this.timers.add(timer);
    });
  }
}

async function post(url: string, body: string, signature: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
