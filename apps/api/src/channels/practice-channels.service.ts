import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, ConflictError, sandboxUrl } from '@outside-in/common';
import { AuditActor, Channel, Organisation } from '@outside-in/database';
import { WebhookSubscriber } from '@outside-in/inbox';
import { type Network, PlatformRegistry } from '@outside-in/platforms';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ChannelView } from './channel.dto';
import { ChannelsService } from './channels.service';
import { PRACTICE_NETWORKS, type SandboxAccount } from './practice-networks';

/**
 * "Add practice channels": one account per network on the sandbox networks, connected in one click, so people
 * can practise (and the demo runs) without touching a real account. Networks that already have a practice
 * channel in the organisation are left alone.
 */
@Injectable()
export class PracticeChannelsService {
  private readonly logger = new Logger(PracticeChannelsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: PlatformRegistry,
    private readonly channels: ChannelsService,
    private readonly webhooks: WebhookSubscriber,
  ) {}

  async add(
    orgId: string,
    actor: AuditActor,
    ip: string | null,
  ): Promise<{ channels: ChannelView[]; created: number }> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneByOrFail({ id: orgId });
    const existing = await this.dataSource
      .getRepository(Channel)
      .findBy({ organisationId: orgId, practice: true });
    const missing = this.registry
      .networks()
      .filter((network) => !existing.some((c) => c.network === network && c.status !== 'disabled'));
    const base = sandboxUrl(this.config);
    const accounts = await Promise.all(
      missing.map(async (network) => ({
        network,
        account: await this.createAccount(base, network, organisation.name),
      })),
    );
    const saved = await this.dataSource.transaction(async (manager) => {
      const rows: Channel[] = [];
      for (const { network, account } of accounts) {
        const practice = PRACTICE_NETWORKS[network];
        const target = {
          network,
          baseUrl: `${base}${practice.path}`,
          practice: true,
          reconnectChannelId: null,
        };
        rows.push(
          ...(await this.channels.saveAccounts(
            manager,
            orgId,
            target,
            [practice.account(account)],
            actor,
            ip,
          )),
        );
      }
      return rows;
    });
    await this.webhooks.subscribeAll(saved.map((channel) => channel.id));
    const all = await this.channels.list(orgId);
    return { channels: all.channels.filter((c) => c.practice), created: saved.length };
  }

  /** A handle from the organisation's name (X allows 15 characters); a taken one is tried again with other digits. */
  private async createAccount(
    base: string,
    network: Network,
    organisationName: string,
  ): Promise<SandboxAccount> {
    const slug =
      organisationName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '')
        .slice(0, 11) || 'practice';
    for (let attempt = 1; ; attempt++) {
      const handle = `${slug}_${randomInt(100, 1000)}`;
      let response: Response;
      try {
        response = await fetch(`${base}/_sandbox/accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ network, handle, displayName: `${organisationName} (practice)` }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        this.logger.warn({ err: error, base }, 'The sandbox networks could not be reached');
        throw new ConflictError(
          `The practice networks are not running at ${base}, so no practice channels were added. Start them (npm run start:sandbox, or npm start) or set SANDBOX_URL.`,
        );
      }
      if (response.status === 201) return (await response.json()) as SandboxAccount;
      if (response.status !== 409 || attempt === 5) {
        throw new ConflictError(
          `The practice networks refused to create a ${network} account (HTTP ${response.status}), so no practice channels were added. Try again.`,
        );
      }
    }
  }
}
