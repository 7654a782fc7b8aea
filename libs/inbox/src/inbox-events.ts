import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@outside-in/common';
import { redisOptions } from '@outside-in/queue';
import { AfterCommit } from '@outside-in/publishing/after-commit';
import { Redis } from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';

/** What the inbox tells every open screen of an organisation (ids and small facts only: screens re-read). */
export type InboxEvent =
  | { type: 'message.created'; conversationId: string; messageId: string; direction: 'in' | 'out' }
  | { type: 'conversation.updated'; conversationId: string; change: string; by: string | null }
  | { type: 'note.created'; conversationId: string; noteId: string; by: string | null }
  | { type: 'reply.updated'; conversationId: string; messageId: string; state: string }
  | {
      type: 'presence';
      conversationId: string;
      viewing: Array<{ userId: string; name: string }>;
      typing: Array<{ userId: string; name: string }>;
      /** How long each entry lasts unless renewed by the person's next heartbeat. */
      viewingTtlMs: number;
      typingTtlMs: number;
    };

/**
 * Publishes inbox events on Redis pub/sub, one channel per organisation under the queue prefix, so every api
 * process (each holding some of the organisation's SSE connections) hears what any api or worker process did.
 * Realtime is a convenience on top of Postgres: a lost event costs a screen a refresh, never data, so a failed
 * publish is logged and not thrown.
 */
@Injectable()
export class InboxEventBus implements OnModuleDestroy {
  private readonly logger = new Logger(InboxEventBus.name);
  private publisher: Redis | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The pub/sub channel of one organisation's events. */
  channelOf(organisationId: string): string {
    return `${this.config.QUEUE_PREFIX}:inbox-events:${organisationId}`;
  }

  /** The pattern a subscriber listens to for every organisation. */
  get pattern(): string {
    return `${this.config.QUEUE_PREFIX}:inbox-events:*`;
  }

  /** A new connection for subscribing (a subscribed connection can do nothing else). */
  subscriber(): Redis {
    return new Redis({ ...redisOptions(this.config.REDIS_URL), maxRetriesPerRequest: null });
  }

  async publish(organisationId: string, ...events: InboxEvent[]): Promise<void> {
    if (!events.length) return;
    try {
      this.publisher ??= new Redis({ ...redisOptions(this.config.REDIS_URL), maxRetriesPerRequest: 3 });
      // One round trip for a batch (an ingested page or a bulk action can name hundreds of conversations).
      const pipeline = this.publisher.pipeline();
      for (const event of events) pipeline.publish(this.channelOf(organisationId), JSON.stringify(event));
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error);
      if (failed) throw failed[0];
    } catch (error) {
      this.logger.warn({ orgId: organisationId, err: error }, 'Could not publish an inbox event');
    }
  }

  /** Publishes once `manager`'s transaction has committed (never for a change that rolls back). */
  async publishAfterCommit(
    dataSource: DataSource,
    manager: EntityManager,
    organisationId: string,
    ...events: InboxEvent[]
  ): Promise<void> {
    await AfterCommit.install(dataSource).run(manager, () => this.publish(organisationId, ...events));
  }

  onModuleDestroy(): void {
    this.publisher?.disconnect();
    this.publisher = null;
  }
}
