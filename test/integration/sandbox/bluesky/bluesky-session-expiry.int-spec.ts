import { AtpAgent } from '@atproto/api';
import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import {
  BlueskyTestAccount,
  createBlueskyAccount,
  lexiconProblems,
  signedInAgent,
  xrpc,
} from './bluesky-test-support';

const TTL_VARIABLE = 'SANDBOX_BLUESKY_ACCESS_TOKEN_TTL_SECONDS';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Bluesky sandbox: access tokens expire and the agent refreshes them', () => {
  let sandbox: TestSandbox;
  let account: BlueskyTestAccount;
  const previousTtl = process.env[TTL_VARIABLE];

  beforeAll(async () => {
    // Two-second access tokens (the PDS's are two hours), so a real expiry happens within the test.
    process.env[TTL_VARIABLE] = '2';
    sandbox = await startSandbox();
    account = await createBlueskyAccount(sandbox, 'expiring');
  });

  afterAll(async () => {
    if (previousTtl === undefined) delete process.env[TTL_VARIABLE];
    else process.env[TTL_VARIABLE] = previousTtl;
    await sandbox?.stop();
  });

  afterEach(() => {
    expect(lexiconProblems(sandbox)).toEqual([]);
  });

  it('answers an expired access token with 400 ExpiredToken, and the agent refreshes and retries', async () => {
    const agent = await signedInAgent(sandbox, account);
    const first = agent.session!;
    await agent.post({ text: 'Before expiry' });
    await sleep(2100);

    const raw = await xrpc(sandbox, 'GET', 'com.atproto.server.getSession', { token: first.accessJwt });
    expect(raw).toMatchObject({ status: 400, body: { error: 'ExpiredToken', message: 'Token has expired' } });

    const after = await agent.post({ text: 'After expiry' });
    expect(after.uri).toMatch(/^at:\/\//);
    expect(agent.session!.accessJwt).not.toBe(first.accessJwt);
    expect(agent.session!.refreshJwt).not.toBe(first.refreshJwt);
    const ledger = await sandbox.control<{ items: { content: string }[] }>(
      'GET',
      `/_sandbox/ledger?network=bluesky&accountId=${encodeURIComponent(account.did)}`,
    );
    expect(ledger.body.items.map((entry) => entry.content)).toEqual(['Before expiry', 'After expiry']);
  });

  it('resumes a stored session by refreshing it, and refuses a refresh token after logout', async () => {
    const agent = await signedInAgent(sandbox, account);
    const stored = agent.session!;
    const resumed = new AtpAgent({ service: `${sandbox.url}/bluesky` });
    await resumed.resumeSession(stored);
    expect(resumed.session?.did).toBe(account.did);
    expect(resumed.session?.refreshJwt).not.toBe(stored.refreshJwt);

    const current = resumed.session!.refreshJwt;
    await resumed.logout();
    const reuse = await xrpc(sandbox, 'POST', 'com.atproto.server.refreshSession', { token: current });
    expect(reuse).toMatchObject({
      status: 400,
      body: { error: 'ExpiredToken', message: 'Token has been revoked' },
    });
  });

  it('refuses an access token where a refresh token belongs', async () => {
    const agent = await signedInAgent(sandbox, account);
    const res = await xrpc(sandbox, 'POST', 'com.atproto.server.refreshSession', {
      token: agent.session!.accessJwt,
    });
    expect(res).toMatchObject({
      status: 400,
      body: { error: 'InvalidToken', message: 'Invalid token type' },
    });
  });

  it('rotates refresh tokens like the PDS: one successor per token, logout revoking one token', async () => {
    const agent = await signedInAgent(sandbox, account);
    const original = agent.session!.refreshJwt;
    const claims = (jwt: string) =>
      JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as {
        jti: string;
        exp: number;
      };
    const first = await xrpc(sandbox, 'POST', 'com.atproto.server.refreshSession', { token: original });
    const retry = await xrpc(sandbox, 'POST', 'com.atproto.server.refreshSession', { token: original });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    const a = claims(String(first.body.refreshJwt));
    const b = claims(String(retry.body.refreshJwt));
    expect(a.jti).toBe(b.jti);
    expect(a.jti).not.toBe(claims(original).jti);
    expect(a.exp).toBeGreaterThanOrEqual(claims(original).exp); // each refresh grants a fresh 90 days

    // Logging out revokes that token only. As on a real PDS (checked against @atproto/dev-env), its
    // predecessor still refreshes during its grace period, and gets the same successor again.
    const logout = await xrpc(sandbox, 'POST', 'com.atproto.server.deleteSession', {
      token: String(first.body.refreshJwt),
    });
    expect(logout.status).toBe(200);
    const afterLogout = await xrpc(sandbox, 'POST', 'com.atproto.server.refreshSession', {
      token: String(first.body.refreshJwt),
    });
    expect(afterLogout).toMatchObject({
      status: 400,
      body: { error: 'ExpiredToken', message: 'Token has been revoked' },
    });
    const predecessor = await xrpc(sandbox, 'POST', 'com.atproto.server.refreshSession', { token: original });
    expect(predecessor.status).toBe(200);
    expect(claims(String(predecessor.body.refreshJwt)).jti).toBe(a.jti);
  });
});
