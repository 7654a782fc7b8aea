import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@outside-in/common';
import { InboxEventBus, type InboxEvent } from '@outside-in/inbox';
import { redisOptions } from '@outside-in/queue';
import type { Response } from 'express';
import { Redis } from 'ioredis';

/** How long a "viewing" or "typing" heartbeat counts: clients send one every 10 s (viewing) or 3 s (typing). */
export const VIEWING_TTL_MS = 20_000;
export const TYPING_TTL_MS = 6_000;
const KEEPALIVE_MS = 20_000;

interface Person {
  userId: string;
  name: string;
}

/**
 * The realtime side of the inbox in this api process: Server-Sent Events streams of the organisations whose
 * people are connected here, fed from one Redis pattern subscription (InboxEventBus channels), so an event
 * published by any api or worker process reaches every stream wherever it is connected. Api processes keep no
 * other state: presence lives in Redis sorted sets scored by expiry, so any process can answer and prune it.
 */
@Injectable()
export class InboxRealtime implements OnModuleDestroy {
  private readonly logger = new Logger(InboxRealtime.name);
  private readonly streams = new Map<string, Set<Response>>();
  private subscriber: Redis | null = null;
  private subscribing: Promise<void> | null = null;
  private redis: Redis | null = null;
  private keepalive: NodeJS.Timeout | null = null;

  constructor(
    private readonly bus: InboxEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens an SSE stream for one person of one organisation; it ends when they disconnect. */
  async open(organisationId: string, response: Response): Promise<void> {
    await this.subscribe();
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 3000\n: connected\n\n');
    let set = this.streams.get(organisationId);
    if (!set) this.streams.set(organisationId, (set = new Set()));
    set.add(response);
    this.keepalive ??= setInterval(() => this.broadcastComment(), KEEPALIVE_MS).unref();
    response.on('close', () => {
      set.delete(response);
      if (!set.size) this.streams.delete(organisationId);
    });
  }

  /**
   * Records a heartbeat (viewing, typing, or leaving) and tells everyone who is there now. Every heartbeat is
   * told, not only changes: nobody announces a closed laptop, so screens drop a person whose entry was not renewed
   * within its time to live (`viewingTtlMs`, `typingTtlMs` in the event).
   */
  async heartbeat(
    organisationId: string,
    conversationId: string,
    person: Person,
    state: { typing: boolean; left: boolean },
  ): Promise<{ conversationId: string; viewing: Person[]; typing: Person[] }> {
    const redis = this.client();
    const now = Date.now();
    const member = JSON.stringify([person.userId, person.name]);
    const viewingKey = this.key(organisationId, conversationId, 'viewing');
    const typingKey = this.key(organisationId, conversationId, 'typing');
    const multi = redis.multi();
    if (state.left) {
      multi.zrem(viewingKey, member).zrem(typingKey, member);
    } else {
      multi.zadd(viewingKey, now + VIEWING_TTL_MS, member);
      if (state.typing) multi.zadd(typingKey, now + TYPING_TTL_MS, member);
      else multi.zrem(typingKey, member);
    }
    multi.pexpire(viewingKey, VIEWING_TTL_MS * 2).pexpire(typingKey, VIEWING_TTL_MS * 2);
    await multi.exec();
    const after = await this.presenceOf(organisationId, conversationId);
    await this.bus.publish(organisationId, {
      type: 'presence',
      ...after,
      viewingTtlMs: VIEWING_TTL_MS,
      typingTtlMs: TYPING_TTL_MS,
    });
    return after;
  }

  /** Who is viewing and typing now (expired heartbeats pruned). */
  async presenceOf(
    organisationId: string,
    conversationId: string,
  ): Promise<{ conversationId: string; viewing: Person[]; typing: Person[] }> {
    const redis = this.client();
    const now = Date.now();
    const read = async (kind: 'viewing' | 'typing') => {
      const key = this.key(organisationId, conversationId, kind);
      await redis.zremrangebyscore(key, '-inf', now);
      const members = await redis.zrange(key, 0, -1);
      return members
        .map((m) => JSON.parse(m) as [string, string])
        .map(([userId, name]) => ({ userId, name }))
        .sort((a, b) => a.userId.localeCompare(b.userId));
    };
    return { conversationId, viewing: await read('viewing'), typing: await read('typing') };
  }

  /** Connected streams in this process (for tests and metrics). */
  streamCount(organisationId?: string): number {
    if (organisationId) return this.streams.get(organisationId)?.size ?? 0;
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.keepalive) clearInterval(this.keepalive);
    for (const set of this.streams.values()) for (const response of set) response.end();
    this.streams.clear();
    this.subscriber?.disconnect();
    this.redis?.disconnect();
  }

  private key(organisationId: string, conversationId: string, kind: string): string {
    return `${this.config.QUEUE_PREFIX}:presence:${organisationId}:${conversationId}:${kind}`;
  }

  private client(): Redis {
    this.redis ??= new Redis({ ...redisOptions(this.config.REDIS_URL), maxRetriesPerRequest: 3 });
    return this.redis;
  }

  private subscribe(): Promise<void> {
    this.subscribing ??= (async () => {
      const subscriber = this.bus.subscriber();
      this.subscriber = subscriber;
      const prefix = this.bus.channelOf('');
      subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
        const organisationId = channel.slice(prefix.length);
        this.deliver(organisationId, message);
      });
      subscriber.on('error', (error: Error) =>
        this.logger.warn({ err: error }, 'Inbox event subscription error (it reconnects)'),
      );
      await subscriber.psubscribe(this.bus.pattern);
    })().catch((error: unknown) => {
      this.subscribing = null;
      throw error;
    });
    return this.subscribing;
  }

  private deliver(organisationId: string, message: string): void {
    const set = this.streams.get(organisationId);
    if (!set?.size) return;
    let event: InboxEvent;
    try {
      event = JSON.parse(message) as InboxEvent;
    } catch {
      return;
    }
    const frame = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const response of set) response.write(frame);
  }

  private broadcastComment(): void {
    for (const set of this.streams.values()) for (const response of set) response.write(': keepalive\n\n');
  }
}
