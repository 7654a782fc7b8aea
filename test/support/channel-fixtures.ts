import { channelBinding, ChannelVault } from '@outside-in/channels';
import { Channel } from '@outside-in/database';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { SandboxAccountCredentials, TestSandbox } from './sandbox-harness';

export interface TestOrganisation {
  organisationId: string;
  /** A member who can author posts (no membership row: add one when a test needs roles). */
  userId: string;
}

let organisations = 0;

/** An organisation and one user, written straight to the database. */
export async function createTestOrganisation(
  dataSource: DataSource,
  name = `Test Council ${++organisations}`,
): Promise<TestOrganisation> {
  const [organisation] = await dataSource.query(`INSERT INTO organisation (name) VALUES ($1) RETURNING id`, [
    name,
  ]);
  const [user] = await dataSource.query(
    `INSERT INTO app_user (email, name, password_hash) VALUES ($1, 'Test Author', 'not-a-hash') RETURNING id`,
    [`author-${randomUUID()}@example.gov.uk`],
  );
  return { organisationId: organisation.id, userId: user.id };
}

/** The networks whose sandbox accounts can be turned into channels without a connect flow. */
export type FixtureNetwork = 'x' | 'mastodon' | 'bluesky' | 'instagram';

export interface TestChannel {
  channel: Channel;
  /** The sandbox account behind it (accountId is what sandbox faults and the ledger filter on). */
  account: SandboxAccountCredentials;
}

/**
 * A connected channel row for a fresh sandbox account, with its credentials sealed by the ChannelVault exactly
 * as the connect flow stores them, so ChannelConnections can open them.
 */
export async function createSandboxChannel(
  dataSource: DataSource,
  vault: ChannelVault,
  sandbox: TestSandbox,
  organisationId: string,
  network: FixtureNetwork,
  options: { handle?: string } = {},
): Promise<TestChannel> {
  const account = await sandbox.createAccount<Record<string, string>>(network, options);
  const credentials: Record<string, string> =
    network === 'x'
      ? {
          accessToken: account.credentials.accessToken,
          refreshToken: account.credentials.refreshToken,
          clientId: account.credentials.clientId,
          clientSecret: account.credentials.clientSecret,
        }
      : network === 'bluesky'
        ? // The adapter signs in with the app password on first use, as after connecting.
          { identifier: account.credentials.identifier, password: account.credentials.password }
        : network === 'instagram'
          ? // Instagram acts through its linked page's token; accountId is the Instagram user id.
            { pageAccessToken: account.credentials.pageAccessToken, pageId: account.credentials.pageId }
          : { accessToken: account.credentials.accessToken };
  const id = randomUUID();
  const sealed = vault.seal(credentials, channelBinding(id));
  const repository = dataSource.getRepository(Channel);
  await repository.insert({
    id,
    organisationId,
    network,
    practice: true,
    externalAccountId: account.accountId,
    handle: account.handle,
    displayName: account.handle,
    // Instagram is served by the sandbox's Graph API, as by Meta's.
    baseUrl: `${sandbox.url}/${network === 'instagram' ? 'meta' : network}`,
    credentialsKeyId: sealed.keyId,
    credentialsSealed: sealed.sealed,
    status: 'connected',
    connectedAt: new Date(),
  });
  return { channel: await repository.findOneByOrFail({ id }), account };
}
