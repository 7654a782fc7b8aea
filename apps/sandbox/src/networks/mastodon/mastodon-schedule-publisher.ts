import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MastodonScheduledRepository } from './mastodon-scheduled.repository';
import { MastodonStatusService } from './mastodon-status.service';

/** How often due scheduled statuses are looked for (Mastodon's scheduler runs every few seconds too). */
const TICK_MS = 1000;

/**
 * Publishes scheduled statuses when their time comes. Each one is published in its own transaction with a
 * row lock (SKIP LOCKED), so two sandbox processes never publish the same one twice. One that cannot be
 * published (its media vanished) is marked done without a status, so it does not fail every second.
 */
@Injectable()
export class MastodonSchedulePublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MastodonSchedulePublisher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly scheduled: MastodonScheduledRepository,
    private readonly statuses: MastodonStatusService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.publishDue()
        .catch((error: unknown) => this.logger.warn(`Publishing scheduled statuses failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, TICK_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async publishDue(): Promise<void> {
    for (const id of await this.scheduled.dueIds(100)) {
      try {
        await this.statuses.publishScheduled(id);
      } catch (error) {
        this.logger.warn(`Scheduled status ${id} could not be published: ${String(error)}`);
        await this.scheduled.markPublished(id, null);
      }
    }
  }
}
