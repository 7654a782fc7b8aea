import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, NotFoundError } from '@outside-in/common';
import { AuditService, Channel, findByIdPrepared, SYSTEM_ACTOR } from '@outside-in/database';
import {
  AuthExpired,
  type ChannelConnection,
  type Network,
  type PlatformAdapter,
  PlatformRegistry,
  RateLimited,
} from '@outside-in/platforms';
import { DataSource, EntityManager } from 'typeorm';
import { channelBinding, ChannelVault } from './channel-vault';
import { networkName } from './network-names';

/** A channel's last activity is written at most this often (see observe). */
const LAST_ACTIVITY_EVERY_MS = 60_000;

export type RefreshOutcome =
  'refreshed' | 'not_needed' | 'already_refreshed' | 'needs_reconnect' | 'unavailable';

/**
 * The one way generic code reaches a network for a channel: it opens the channel's sealed credentials, asks the
 * registry for the channel's adapter, and turns what the network says about access into the channel's state.
 * An AuthExpired is answered by one refresh (under a row lock, so two workers never spend a rotating refresh token
 * twice) and one retry; if the network still refuses, the channel becomes `needs_reconnect` with the reason in words
 * and an audit event, and admins see it. A RateLimited is remembered on the channel until its reset.
 */
@Injectable()
export class ChannelConnections {
  private readonly logger = new Logger(ChannelConnections.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: ChannelVault,
    private readonly registry: PlatformRegistry,
    private readonly audit: AuditService,
  ) {}

  adapterFor(channel: Pick<Channel, 'network'>): PlatformAdapter {
    return this.registry.get(channel.network);
  }

  /** The decrypted connection of a channel; throws Conflict when it has no credentials (disconnected). */
  connectionOf(channel: Channel): ChannelConnection {
    if (!channel.credentialsSealed || !channel.credentialsKeyId) {
      throw new ConflictError(
        `The ${networkName(channel.network)} channel ${channel.handle} is disconnected: connect it again first.`,
      );
    }
    return {
      channelId: channel.id,
      network: channel.network as Network,
      externalAccountId: channel.externalAccountId,
      handle: channel.handle,
      baseUrl: channel.baseUrl,
      credentials: this.vault.open(
        channel.credentialsKeyId,
        channel.credentialsSealed,
        channelBinding(channel.id),
      ),
    };
  }

  /** The channel; outside a transaction as a prepared statement (every publish and poll reads it). */
  async find(channelId: string, manager?: EntityManager): Promise<Channel> {
    const channel = manager
      ? await manager.getRepository(Channel).findOneBy({ id: channelId })
      : await findByIdPrepared(this.dataSource, Channel, channelId);
    if (!channel) throw new NotFoundError(`No channel has the id ${channelId}.`);
    return channel;
  }

  /**
   * Runs one platform call for a channel that is connected. The action may be called twice (after a refresh), so
   * it must be safe to repeat when the first call was refused for access (nothing was done then). Given the row a
   * caller read a moment ago (the publish runner), it is not read again: credentials refreshed meanwhile show up
   * as an AuthExpired, and the refresh below then finds them already refreshed and reads the row afresh.
   */
  async call<T>(
    channelOrId: string | Channel,
    action: (adapter: PlatformAdapter, connection: ChannelConnection, channel: Channel) => Promise<T>,
  ): Promise<T> {
    const channel = typeof channelOrId === 'string' ? await this.find(channelOrId) : channelOrId;
    const channelId = channel.id;
    if (channel.status !== 'connected') {
      throw new ConflictError(
        `The ${networkName(channel.network)} channel ${channel.handle} needs reconnecting before it can be used.`,
      );
    }
    const adapter = this.adapterFor(channel);
    try {
      return await this.observe(channel, () => action(adapter, this.connectionOf(channel), channel));
    } catch (error) {
      if (!(error instanceof AuthExpired)) throw error;
      const outcome = await this.refresh(channelId, channel.credentialsSealed, error);
      if (outcome !== 'refreshed' && outcome !== 'already_refreshed') throw error;
      const fresh = await this.find(channelId);
      try {
        return await this.observe(fresh, () => action(adapter, this.connectionOf(fresh), fresh));
      } catch (retryError) {
        if (retryError instanceof AuthExpired) await this.markNeedsReconnect(channelId, retryError.message);
        throw retryError;
      }
    }
  }

  /**
   * Refreshes a channel's credentials under a row lock. `usedSealed` is the sealed value the caller used: when
   * the row holds another one, someone refreshed meanwhile and nothing is spent. `cause` is the refusal that
   * prompted this (null: the refresh is ahead of expiry).
   */
  async refresh(
    channelId: string,
    usedSealed: string | null,
    cause: AuthExpired | null,
  ): Promise<RefreshOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const channel = await manager
        .getRepository(Channel)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: channelId })
        .getOne();
      if (!channel || channel.status !== 'connected' || !channel.credentialsSealed) return 'unavailable';
      if (usedSealed !== null && channel.credentialsSealed !== usedSealed) return 'already_refreshed';
      const adapter = this.adapterFor(channel);
      let refreshed;
      try {
        refreshed = await adapter.refreshCredentials(this.connectionOf(channel));
      } catch (error) {
        if (error instanceof AuthExpired) {
          await this.setNeedsReconnect(manager, channel, error.message);
          return 'needs_reconnect';
        }
        throw error;
      }
      if (!refreshed) {
        if (cause) {
          await this.setNeedsReconnect(manager, channel, cause.message);
          return 'needs_reconnect';
        }
        return 'not_needed';
      }
      const sealed = this.vault.seal(refreshed.credentials, channelBinding(channel.id));
      await manager.getRepository(Channel).update(
        { id: channel.id },
        {
          credentialsKeyId: sealed.keyId,
          credentialsSealed: sealed.sealed,
          credentialsExpireAt: refreshed.expiresAt,
          lastError: null,
          lastErrorAt: null,
        },
      );
      return 'refreshed';
    });
  }

  /** Marks a channel as needing a person to reconnect it, with the reason in words, and audits it. */
  async markNeedsReconnect(channelId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const channel = await manager
        .getRepository(Channel)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: channelId })
        .getOne();
      if (channel && channel.status === 'connected') await this.setNeedsReconnect(manager, channel, reason);
    });
  }

  private async setNeedsReconnect(manager: EntityManager, channel: Channel, reason: string): Promise<void> {
    const now = new Date();
    await manager
      .getRepository(Channel)
      .update({ id: channel.id }, { status: 'needs_reconnect', lastError: reason, lastErrorAt: now });
    await this.audit.record(manager, {
      organisationId: channel.organisationId,
      actor: SYSTEM_ACTOR,
      action: 'channel.needs_reconnect',
      subjectType: 'channel',
      subjectId: channel.id,
      summary: { network: channel.network, handle: channel.handle, reason },
    });
    this.logger.warn({ channelId: channel.id, network: channel.network }, 'Channel needs reconnecting');
  }

  /**
   * Remembers a rate limit from the network (so jobs wait for its reset) and the channel's last activity: after a
   * success, a remembered limit is cleared, and the last activity is written at most once a minute (a busy channel
   * would otherwise update its row on every call, one more write per post on the publishing path).
   */
  private async observe<T>(channel: Channel, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      const now = new Date();
      const recent =
        !!channel.lastActivityAt && now.getTime() - channel.lastActivityAt.getTime() < LAST_ACTIVITY_EVERY_MS;
      if (channel.rateLimit || !recent) {
        await this.dataSource
          .getRepository(Channel)
          .update({ id: channel.id }, { lastActivityAt: now, rateLimit: null });
      }
      return result;
    } catch (error) {
      if (error instanceof RateLimited) {
        await this.dataSource.getRepository(Channel).update(
          { id: channel.id },
          {
            rateLimit: {
              resetAt: error.resetAt.toISOString(),
              remaining: 0,
              limit: null,
              scope: error.networkCode ?? null,
            },
          },
        );
      }
      throw error;
    }
  }
}
