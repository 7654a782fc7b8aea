import { BadRequestException, Injectable, OnModuleInit } from '@nestjs/common';
import { SandboxNetworkRegistry } from './network-registry';
import { SandboxDb } from './sandbox-db';
import { ProvisionAccountOptions, ProvisionedAccount } from './sandbox-network';

export interface SandboxAccount {
  network: string;
  accountId: string;
  handle: string;
  displayName: string | null;
  createdAt: string;
}

interface AccountRow {
  network: string;
  account_id: string;
  handle: string;
  display_name: string | null;
  created_at: Date;
}

/**
 * The accounts people created through POST /_sandbox/accounts (not the crowd's citizens). The network keeps
 * the account itself and its credentials; this index lets the crowd find every account to talk to.
 */
@Injectable()
export class SandboxAccountsService implements OnModuleInit {
  constructor(
    private readonly db: SandboxDb,
    private readonly registry: SandboxNetworkRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.db.ensureSchema('sandbox_accounts', [
      `CREATE TABLE IF NOT EXISTS sandbox_accounts (
         network text NOT NULL,
         account_id text NOT NULL,
         handle text NOT NULL,
         display_name text,
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         PRIMARY KEY (network, account_id)
       )`,
    ]);
  }

  async provision(
    network: string,
    options: ProvisionAccountOptions,
  ): Promise<ProvisionedAccount & { network: string }> {
    const entry = this.registry.get(network);
    if (!entry) {
      const known = this.registry.names();
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: known.length
          ? `network "${network}" is not running in this sandbox: use one of ${known.join(', ')}.`
          : `network "${network}" is not running in this sandbox: no network is registered yet.`,
        details: [{ field: 'network', problem: `Use one of: ${known.join(', ')}` }],
      });
    }
    const account = await entry.provisionAccount(options);
    await this.db.execute(
      `INSERT INTO sandbox_accounts (network, account_id, handle, display_name) VALUES ($1, $2, $3, $4)
       ON CONFLICT (network, account_id) DO UPDATE SET handle = EXCLUDED.handle, display_name = EXCLUDED.display_name`,
      [network, account.accountId, account.handle, account.displayName ?? options.displayName ?? null],
    );
    return { network, ...account };
  }

  /** Accounts in the order they were created (the crowd relies on this order being stable). */
  async list(filter: { networks?: string[]; accountIds?: string[] } = {}): Promise<SandboxAccount[]> {
    const rows = await this.db.query<AccountRow>(
      `SELECT * FROM sandbox_accounts
       WHERE ($1::text[] IS NULL OR network = ANY($1)) AND ($2::text[] IS NULL OR account_id = ANY($2))
       ORDER BY created_at, network, account_id`,
      [
        filter.networks?.length ? filter.networks : null,
        filter.accountIds?.length ? filter.accountIds : null,
      ],
    );
    return rows.map((row) => ({
      network: row.network,
      accountId: row.account_id,
      handle: row.handle,
      displayName: row.display_name,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
