import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChannelConnections, ChannelVault, channelBinding, networkName } from '@outside-in/channels';
import { ConflictError, InvalidInputError, NotFoundError } from '@outside-in/common';
import { AuditActor, AuditService, Channel, Organisation, User } from '@outside-in/database';
import { WebhookSubscriber } from '@outside-in/inbox';
import { AuthExpired, type ConnectedAccount, PlatformError, PlatformRegistry } from '@outside-in/platforms';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { ChannelView, NetworkOptionView } from './channel.dto';
import { toChannelView } from './channel-view';
import { ConnectSettings } from './connect-settings';

/** Where connected accounts are saved and how: the network, the server, practice or not, and what is reconnected. */
export interface AccountTarget {
  network: string;
  baseUrl: string;
  practice: boolean;
  reconnectChannelId: string | null;
}

const STATUS_ORDER: Record<string, number> = { needs_reconnect: 0, connected: 1, disabled: 2 };

@Injectable()
export class ChannelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: ChannelVault,
    private readonly connections: ChannelConnections,
    private readonly registry: PlatformRegistry,
    private readonly settings: ConnectSettings,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookSubscriber,
  ) {}

  async list(orgId: string): Promise<{ channels: ChannelView[] }> {
    const channels = await this.dataSource.getRepository(Channel).find({ where: { organisationId: orgId } });
    channels.sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        a.network.localeCompare(b.network) ||
        a.handle.localeCompare(b.handle),
    );
    return { channels: await this.views(this.dataSource.manager, orgId, channels) };
  }

  networks(): { networks: NetworkOptionView[] } {
    return {
      networks: this.registry.networks().map((network) => {
        const connector = this.registry.get(network).connector;
        const presentation = this.settings.presentationOf(network);
        const needsApp = connector.method === 'oauth' && connector.clientSource === 'settings';
        const available = !needsApp || this.settings.configuredApp(network) !== undefined;
        return {
          network,
          name: networkName(network),
          method: connector.method,
          available,
          unavailableReason: available
            ? null
            : `${networkName(network)} is not set up on this server yet: an administrator needs to set ${presentation.requiredSettings.join(' and ')} (see “Connecting real accounts” in the README). Practice channels work without it.`,
          serverUrl: presentation.serverUrl,
          serverUrlLabel: presentation.serverUrlLabel,
          serverUrlHint: presentation.serverUrlHint,
          identifierLabel: presentation.identifierLabel,
          secretLabel: presentation.secretLabel,
          help: presentation.help,
        };
      }),
    };
  }

  async find(
    orgId: string,
    channelId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Channel> {
    const channel = await manager.getRepository(Channel).findOneBy({ id: channelId, organisationId: orgId });
    if (!channel) throw new NotFoundError('This organisation has no such channel: reload the channel list.');
    return channel;
  }

  /** Asks the network whether the channel's access still works, and says so on the channel. */
  async check(orgId: string, channelId: string): Promise<{ channel: ChannelView }> {
    const channel = await this.find(orgId, channelId);
    if (channel.status === 'disabled') {
      throw new ConflictError(
        `The ${networkName(channel.network)} channel ${channel.handle} is disconnected: connect it again instead.`,
      );
    }
    const repo = this.dataSource.getRepository(Channel);
    try {
      const profile =
        channel.status === 'connected'
          ? await this.connections.call(channel.id, (adapter, connection) =>
              adapter.verifyCredentials(connection),
            )
          : await this.connections
              .adapterFor(channel)
              .verifyCredentials(this.connections.connectionOf(channel));
      await repo.update(
        { id: channel.id },
        {
          status: 'connected',
          lastError: null,
          lastErrorAt: null,
          displayName: profile.displayName.slice(0, 200),
          lastActivityAt: new Date(),
        },
      );
      // Access works: make sure the network pushes events too (repairs a subscription that failed before).
      await this.webhooks.subscribe(channel.id);
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      if (error instanceof AuthExpired) {
        await this.connections.markNeedsReconnect(channel.id, error.message);
      } else {
        await repo.update(
          { id: channel.id },
          { lastError: `Could not check the channel just now: ${error.message}`, lastErrorAt: new Date() },
        );
      }
    }
    return { channel: await this.view(orgId, channel.id) };
  }

  /** Erases the credentials and keeps the row, so posts and conversations keep their channel. */
  async disconnect(
    orgId: string,
    channelId: string,
    actor: AuditActor,
    ip: string | null,
  ): Promise<{ channel: ChannelView }> {
    await this.dataSource.transaction(async (manager) => {
      const channel = await this.find(orgId, channelId, manager);
      if (channel.status === 'disabled') return;
      await manager.getRepository(Channel).update(
        { id: channel.id },
        {
          status: 'disabled',
          credentialsSealed: null,
          credentialsKeyId: null,
          credentialsExpireAt: null,
          disconnectedAt: new Date(),
        },
      );
      await this.audit.record(manager, {
        organisationId: orgId,
        actor,
        action: 'channel.disconnected',
        subjectType: 'channel',
        subjectId: channel.id,
        summary: { network: channel.network, handle: channel.handle },
        ip,
      });
    });
    return { channel: await this.view(orgId, channelId) };
  }

  /**
   * Saves the accounts a connect flow produced, in the caller's transaction: the same account (network, server,
   * account id) comes back to its old row (history kept, status connected again); a new one gets a row.
   */
  async saveAccounts(
    manager: EntityManager,
    orgId: string,
    target: AccountTarget,
    accounts: ConnectedAccount[],
    actor: AuditActor,
    ip: string | null,
  ): Promise<Channel[]> {
    const repo = manager.getRepository(Channel);
    const saved: Channel[] = [];
    if (target.reconnectChannelId) {
      const channel = await this.find(orgId, target.reconnectChannelId, manager);
      const same = accounts.find((account) => account.externalAccountId === channel.externalAccountId);
      if (!same || channel.network !== target.network || channel.baseUrl !== target.baseUrl) {
        const offered = accounts.map((account) => account.handle).join(', ') || 'no account';
        throw new InvalidInputError(
          `You signed in as ${offered}, but this channel is ${networkName(channel.network)} ${channel.handle}. Sign in as ${channel.handle} to reconnect it, or connect the other account as a new channel.`,
        );
      }
      accounts = [same];
    }
    for (const account of accounts) {
      const existing = await repo
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.organisation_id = :orgId AND c.network = :network AND c.base_url = :baseUrl', {
          orgId,
          network: target.network,
          baseUrl: target.baseUrl,
        })
        .andWhere('c.external_account_id = :externalId', { externalId: account.externalAccountId })
        .getOne();
      const id = existing?.id ?? randomUUID();
      const sealed = this.vault.seal(account.credentials, channelBinding(id));
      const fields = {
        handle: account.handle.slice(0, 200),
        displayName: (account.displayName || account.handle).slice(0, 200),
        profileUrl: account.profileUrl || null,
        credentialsKeyId: sealed.keyId,
        credentialsSealed: sealed.sealed,
        credentialsExpireAt: account.expiresAt,
        status: 'connected' as const,
        lastError: null,
        lastErrorAt: null,
        rateLimit: null,
        disconnectedAt: null,
      };
      if (existing) {
        await repo.update({ id }, fields);
      } else {
        await repo.insert({
          id,
          organisationId: orgId,
          network: target.network,
          practice: target.practice,
          externalAccountId: account.externalAccountId,
          baseUrl: target.baseUrl,
          connectedById: actor.userId,
          connectedAt: new Date(),
          ...fields,
        });
      }
      await this.audit.record(manager, {
        organisationId: orgId,
        actor,
        action: existing ? 'channel.reconnected' : 'channel.connected',
        subjectType: 'channel',
        subjectId: id,
        summary: { network: target.network, handle: account.handle, practice: target.practice },
        ip,
      });
      saved.push(await repo.findOneByOrFail({ id }));
    }
    return saved;
  }

  async view(orgId: string, channelId: string): Promise<ChannelView> {
    const channel = await this.find(orgId, channelId);
    return (await this.views(this.dataSource.manager, orgId, [channel]))[0];
  }

  async views(manager: EntityManager, orgId: string, channels: Channel[]): Promise<ChannelView[]> {
    const organisation = await manager.getRepository(Organisation).findOneByOrFail({ id: orgId });
    const ids = [...new Set(channels.map((c) => c.connectedById).filter((id): id is string => !!id))];
    const people = ids.length ? await manager.getRepository(User).findBy({ id: In(ids) }) : [];
    const byId = new Map(people.map((person) => [person.id, { id: person.id, name: person.name }]));
    return channels.map((channel) =>
      toChannelView(
        channel,
        organisation.timeZone,
        (channel.connectedById && byId.get(channel.connectedById)) || null,
      ),
    );
  }
}
