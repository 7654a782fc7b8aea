import type { ChannelConnection } from '@outside-in/platforms';
import { Client } from 'pg';
import type { TestSandbox } from '../../../support/sandbox-harness';

/** What POST /_sandbox/accounts answers in `credentials` for X (apps/sandbox/src/networks/x/README.md). */
interface SandboxXCredentials {
  clientId: string;
  clientSecret: string;
  accessToken: string;
  refreshToken: string;
}

let channels = 0;

/** A fresh sandbox X account as the ChannelConnection a sandbox channel would hold. */
export async function sandboxXConnection(sandbox: TestSandbox, handle?: string): Promise<ChannelConnection> {
  const account = await sandbox.createAccount<SandboxXCredentials>('x', handle ? { handle } : {});
  const { accessToken, refreshToken, clientId, clientSecret } = account.credentials;
  return {
    channelId: `x-contract-${++channels}`,
    network: 'x',
    externalAccountId: account.accountId,
    handle: account.handle,
    baseUrl: `${sandbox.url}/x`,
    credentials: { accessToken, refreshToken, clientId, clientSecret },
  };
}

/** Makes the connection's access token expire now, as two hours passing would (x_tokens.expires_at). */
export async function expireSandboxXToken(
  sandbox: TestSandbox,
  connection: ChannelConnection,
): Promise<void> {
  const db = new Client({ connectionString: sandbox.databaseUrl });
  await db.connect();
  try {
    const result = await db.query(
      `UPDATE x_tokens SET expires_at = now() - interval '1 second' WHERE token = $1`,
      [connection.credentials.accessToken],
    );
    if (result.rowCount !== 1) throw new Error('The sandbox has no such X access token to expire.');
  } finally {
    await db.end();
  }
}
