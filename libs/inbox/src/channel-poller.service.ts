import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChannelConnections } from '@outside-in/channels';
import { DomainError } from '@outside-in/common';
import { Channel } from '@outside-in/database';
import {
  AuthExpired,
  type InboundPage,
  PlatformError,
  RateLimited,
  type RateLimitState,
} from '@outside-in/platforms';
import { DataSource } from 'typeorm';
import { InboxIngestor } from './inbox-ingestor.service';
import { nextPollDelay, POLL_DEFAULT_MS, POLL_MAX_MS } from './poll-cadence';

/** One poll fetches at most this many pages, so one busy channel cannot hold a worker for long. */
export const MAX_PAGES_PER_POLL = 5;

export interface PollOutcome {
  outcome: 'polled' | 'rate_limited' | 'not_connected' | 'cursor_moved' | 'failed';
  pages: number;
  received: number;
  inserted: number;
  duplicates: number;
  /** When the scheduler will poll the channel next (null: not while it is not connected). */
  nextPollAt: Date | null;
}

/** Another poll of the same channel stored a cursor after we read ours: its batch stands, ours is rolled back. */
class CursorMoved extends Error {}

/**
 * Polls one channel's inbound: reads the stored cursor, fetches a page through ChannelConnections (sealed
 * credentials, one refresh on AuthExpired, rate limits remembered), and ingests the page and stores the next
 * cursor in ONE transaction: a crash between the two can only repeat items (deduplicated), never skip them.
 * The cursor update is conditional on the cursor we started from, so two polls of one channel never move it
 * backwards. Pages continue while the network says more is waiting, up to MAX_PAGES_PER_POLL. The next poll
 * time comes from poll-cadence.ts and is stored in inbound_poll for the scheduler.
 */
@Injectable()
export class ChannelPoller {
  private readonly logger = new Logger(ChannelPoller.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connections: ChannelConnections,
    private readonly ingestor: InboxIngestor,
  ) {}

  async poll(channelId: string, now: () => Date = () => new Date()): Promise<PollOutcome> {
    const channel = await this.dataSource.getRepository(Channel).findOneBy({ id: channelId });
    const result: PollOutcome = {
      outcome: 'polled',
      pages: 0,
      received: 0,
      inserted: 0,
      duplicates: 0,
      nextPollAt: null,
    };
    if (!channel || channel.status !== 'connected') return { ...result, outcome: 'not_connected' };
    const previousMs = await this.previousInterval(channelId);

    const resetAt = channel.rateLimit ? new Date(channel.rateLimit.resetAt) : null;
    if (resetAt && resetAt.getTime() > now().getTime()) {
      result.nextPollAt = await this.schedule(channelId, resetAt, previousMs ?? POLL_MAX_MS, 0, null, now());
      return { ...result, outcome: 'rate_limited' };
    }

    let cursor = channel.inboundCursor;
    let hasMore = false;
    let rateLimit: RateLimitState | undefined;
    let error: string | null = null;
    try {
      while (result.pages < MAX_PAGES_PER_POLL) {
        const from = cursor;
        const page: InboundPage = await this.connections.call(channelId, (adapter, connection) =>
          adapter.fetchInbound(connection, from),
        );
        result.pages += 1;
        rateLimit = page.rateLimit ?? rateLimit;
        const ingested = await this.dataSource.transaction(async (manager) => {
          const stored = await this.ingestor.ingestWith(manager, channelId, page.items);
          const [, moved] = (await manager.query(
            `UPDATE channel SET inbound_cursor = $2 WHERE id = $1 AND inbound_cursor IS NOT DISTINCT FROM $3`,
            [channelId, page.nextCursor, from],
          )) as [unknown, number];
          if (moved !== 1) throw new CursorMoved();
          return stored;
        });
        result.received += ingested.received;
        result.inserted += ingested.inserted;
        result.duplicates += ingested.duplicates;
        cursor = page.nextCursor;
        hasMore = page.hasMore;
        if (!hasMore) break;
      }
    } catch (caught) {
      if (caught instanceof CursorMoved) {
        result.outcome = 'cursor_moved';
      } else if (caught instanceof RateLimited) {
        result.outcome = 'rate_limited';
        result.nextPollAt = await this.schedule(
          channelId,
          caught.resetAt,
          previousMs ?? POLL_MAX_MS,
          0,
          null,
          now(),
        );
        return result;
      } else if (caught instanceof AuthExpired || caught instanceof DomainError) {
        // ChannelConnections has marked the channel needs_reconnect (or it was not connected): no schedule.
        return { ...result, outcome: 'not_connected' };
      } else if (caught instanceof PlatformError) {
        result.outcome = 'failed';
        error = caught.message;
        this.logger.warn({ channelId, err: caught }, 'Polling a channel failed; trying again later');
      } else {
        // Not the network: our side failed (the database, or a bug). Noted and tried later, and the job fails.
        const message = caught instanceof Error ? caught.message : String(caught);
        const retryMs = Math.min(POLL_MAX_MS, (previousMs ?? POLL_DEFAULT_MS) * 2);
        await this.schedule(
          channelId,
          new Date(now().getTime() + retryMs),
          retryMs,
          result.received,
          `Storing inbound items failed: ${message}`.slice(0, 1000),
          now(),
        ).catch(() => undefined);
        throw caught;
      }
    }

    const delay = nextPollDelay({
      previousMs,
      newItems: result.inserted,
      backlog: hasMore && result.pages >= MAX_PAGES_PER_POLL,
      calls: Math.max(1, result.pages),
      rateLimit,
      now: now(),
    });
    // A failing network is tried again on a slower cadence (doubling, up to the maximum) rather than hammered.
    const wait = error ? Math.max(delay, Math.min(POLL_MAX_MS, (previousMs ?? POLL_DEFAULT_MS) * 2)) : delay;
    result.nextPollAt = await this.schedule(
      channelId,
      new Date(now().getTime() + wait),
      wait,
      result.received,
      error,
      now(),
    );
    return result;
  }

  private async previousInterval(channelId: string): Promise<number | null> {
    const [row] = (await this.dataSource.query(`SELECT interval_ms FROM inbound_poll WHERE channel_id = $1`, [
      channelId,
    ])) as Array<{ interval_ms: number }>;
    return row?.interval_ms ?? null;
  }

  private async schedule(
    channelId: string,
    nextPollAt: Date,
    intervalMs: number,
    received: number,
    error: string | null,
    now: Date,
  ): Promise<Date> {
    await this.dataSource.query(
      `INSERT INTO inbound_poll (channel_id, next_poll_at, interval_ms, last_polled_at, last_received, last_error)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (channel_id) DO UPDATE
          SET next_poll_at = EXCLUDED.next_poll_at, interval_ms = EXCLUDED.interval_ms,
              last_polled_at = EXCLUDED.last_polled_at, last_received = EXCLUDED.last_received,
              last_error = EXCLUDED.last_error`,
      [channelId, nextPollAt, Math.round(intervalMs), now, received, error],
    );
    return nextPollAt;
  }
}
