import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Channel } from '@outside-in/database';
import { PlatformError } from '@outside-in/platforms';
import { DataSource } from 'typeorm';
import { ChannelConnections, type RefreshOutcome } from './channel-connections.service';

/** Credentials that expire within this window are refreshed now (the job runs every 5 minutes). */
export const REFRESH_AHEAD_MS = 20 * 60 * 1000;

export interface RefreshRun {
  checked: number;
  outcomes: Partial<Record<RefreshOutcome | 'failed', number>>;
}

/**
 * Renews credentials ahead of their expiry (X access tokens live 2 hours; Bluesky sessions less), so a post due
 * at 10:00 never waits on a refresh. A network that cannot be reached leaves the channel connected with the
 * problem noted, to be tried on the next run; a refusal makes it `needs_reconnect`.
 */
@Injectable()
export class ChannelRefresher {
  private readonly logger = new Logger(ChannelRefresher.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connections: ChannelConnections,
  ) {}

  async refreshExpiring(now = new Date(), aheadMs = REFRESH_AHEAD_MS): Promise<RefreshRun> {
    const due: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM channel WHERE status = 'connected' AND credentials_expire_at < $1 ORDER BY credentials_expire_at`,
      [new Date(now.getTime() + aheadMs)],
    );
    const run: RefreshRun = { checked: due.length, outcomes: {} };
    for (const { id } of due) {
      let outcome: RefreshOutcome | 'failed';
      try {
        outcome = await this.connections.refresh(id, null, null);
      } catch (error) {
        outcome = 'failed';
        const reason =
          error instanceof PlatformError
            ? `Could not renew the access (${error.message}); trying again in 5 minutes.`
            : 'Could not renew the access; trying again in 5 minutes.';
        await this.dataSource
          .getRepository(Channel)
          .update({ id }, { lastError: reason, lastErrorAt: new Date() });
        this.logger.warn({ channelId: id, err: error }, 'Refreshing channel credentials failed');
      }
      run.outcomes[outcome] = (run.outcomes[outcome] ?? 0) + 1;
    }
    return run;
  }
}
