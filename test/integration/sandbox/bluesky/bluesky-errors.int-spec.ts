import { AtpAgent } from '@atproto/api';
import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import {
  BlueskyTestAccount,
  createBlueskyAccount,
  lexiconProblems,
  signedInAgent,
  xrpc,
} from './bluesky-test-support';

const POST = 'app.bsky.feed.post';

describe('Bluesky sandbox: bad requests, auth errors and rate limits in the XRPC shape', () => {
  let sandbox: TestSandbox;
  let account: BlueskyTestAccount;
  let agent: AtpAgent;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    account = await createBlueskyAccount(sandbox, 'powys_council');
    agent = await signedInAgent(sandbox, account);
    token = agent.session!.accessJwt;
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  afterEach(() => {
    expect(lexiconProblems(sandbox)).toEqual([]);
  });

  const createPost = (record: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    xrpc(sandbox, 'POST', 'com.atproto.repo.createRecord', {
      token,
      body: { repo: account.did, collection: POST, record: { $type: POST, ...record }, ...extra },
    });

  it('refuses a wrong password with 401 AuthenticationRequired', async () => {
    const stranger = new AtpAgent({ service: `${sandbox.url}/bluesky` });
    await expect(
      stranger.login({ identifier: account.handle, password: 'aaaa-bbbb-cccc-dddd' }),
    ).rejects.toMatchObject({
      status: 401,
      error: 'AuthenticationRequired',
      message: 'Invalid identifier or password',
    });
  });

  it('answers a missing token with 401 AuthMissing and a bad one with 400 InvalidToken', async () => {
    const missing = await xrpc(sandbox, 'GET', 'com.atproto.server.getSession');
    expect(missing).toMatchObject({
      status: 401,
      body: { error: 'AuthMissing', message: 'Authentication Required' },
    });
    const forged = await xrpc(sandbox, 'GET', 'com.atproto.server.getSession', {
      token: `${token.slice(0, -4)}AAAA`,
    });
    expect(forged).toMatchObject({
      status: 400,
      body: { error: 'InvalidToken', message: 'Token could not be verified' },
    });
    const refreshAsAccess = await xrpc(sandbox, 'GET', 'com.atproto.server.getSession', {
      token: agent.session!.refreshJwt,
    });
    expect(refreshAsAccess).toMatchObject({
      status: 400,
      body: { error: 'InvalidToken', message: 'Invalid token type' },
    });
  });

  it('enforces the 300-grapheme limit the lexicon sets, counting graphemes not code units', async () => {
    const family = '👨‍👩‍👧‍👦'; // one grapheme, 11 UTF-16 code units, 25 bytes
    const ok = await createPost({ text: family.repeat(100), createdAt: new Date().toISOString() });
    expect(ok.status).toBe(200);
    const tooLong = await createPost({ text: 'a'.repeat(301), createdAt: new Date().toISOString() });
    expect(tooLong).toMatchObject({
      status: 400,
      body: {
        error: 'InvalidRequest',
        message:
          'Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text',
      },
    });
    const tooManyBytes = await createPost({ text: family.repeat(121), createdAt: new Date().toISOString() });
    expect(tooManyBytes.status).toBe(400);
    expect(tooManyBytes.body.message).toBe(
      'Invalid app.bsky.feed.post record: string too big (maximum 3000, got 3025) at $.record.text',
    );
    await expect(agent.post({ text: 'b'.repeat(301) })).rejects.toMatchObject({
      status: 400,
      error: 'InvalidRequest',
    });
  });

  it('refuses records the lexicon refuses, with the validator message', async () => {
    expect(await createPost({ text: 'No date' })).toMatchObject({
      status: 400,
      body: {
        error: 'InvalidRequest',
        message: 'Invalid app.bsky.feed.post record: Missing required key "createdAt" at $.record',
      },
    });
    expect(await createPost({ text: 'Bad date', createdAt: 'yesterday' })).toMatchObject({
      status: 400,
      body: {
        message:
          'Invalid app.bsky.feed.post record: Invalid datetime (got "yesterday") at $.record.createdAt',
      },
    });
    const badReply = await createPost({
      text: 'Reply to nothing',
      createdAt: new Date().toISOString(),
      reply: { root: { uri: 'at://nope' }, parent: { uri: 'at://nope', cid: 'x' } },
    });
    expect(badReply.status).toBe(400);
    expect(badReply.body.error).toBe('InvalidRequest');
    const wrongType = await xrpc(sandbox, 'POST', 'com.atproto.repo.createRecord', {
      token,
      body: { repo: account.did, collection: POST, record: { $type: 'app.bsky.feed.like', text: 'x' } },
    });
    expect(wrongType.body).toEqual({
      error: 'InvalidRequest',
      message: 'Invalid $type: expected app.bsky.feed.post, got app.bsky.feed.like',
    });
  });

  it('validates XRPC inputs and params against the lexicons', async () => {
    expect(
      await xrpc(sandbox, 'POST', 'com.atproto.repo.createRecord', {
        token,
        body: { collection: POST, record: {} },
      }),
    ).toMatchObject({
      status: 400,
      body: { error: 'InvalidRequest', message: 'Missing required key "repo" at $' },
    });
    expect(
      await xrpc(sandbox, 'POST', 'com.atproto.repo.createRecord', {
        token,
        body: 'text',
        contentType: 'text/plain',
      }),
    ).toMatchObject({ status: 400, body: { message: 'Wrong request encoding (Content-Type): text/plain' } });
    expect(
      await xrpc(sandbox, 'GET', 'app.bsky.feed.getAuthorFeed', {
        token,
        query: { actor: account.did, limit: '500' },
      }),
    ).toMatchObject({
      status: 400,
      body: { error: 'InvalidRequest', message: 'limit can not be greater than 100' },
    });
    expect(
      await xrpc(sandbox, 'GET', 'com.atproto.repo.getRecord', { query: { repo: account.did } }),
    ).toMatchObject({
      status: 400,
      body: { error: 'InvalidRequest', message: 'Params must have the property "collection"' },
    });
  });

  it('answers malformed JSON with 400 InvalidRequest, not a 500', async () => {
    const res = await fetch(`${sandbox.url}/xrpc/com.atproto.repo.createRecord`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"repo": ',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string };
    // The PDS names this error after the exception (checked against @atproto/dev-env).
    expect(body).toEqual({ error: 'SyntaxError', message: 'Unexpected end of JSON input' });
  });

  it('answers a wrong HTTP method with 400 and an unknown method with 501', async () => {
    expect(await xrpc(sandbox, 'GET', 'com.atproto.repo.createRecord', { token })).toMatchObject({
      status: 400,
      body: { error: 'InvalidRequest', message: 'Incorrect HTTP method (GET) expected POST' },
    });
    expect(await xrpc(sandbox, 'GET', 'com.example.notAMethod', { token })).toMatchObject({
      status: 501,
      body: { error: 'MethodNotImplemented', message: 'Method Not Implemented' },
    });
  });

  it("refuses writes to another account's repo and reads of missing things", async () => {
    const other = await createBlueskyAccount(sandbox, 'other_org');
    const res = await xrpc(sandbox, 'POST', 'com.atproto.repo.createRecord', {
      token,
      body: {
        repo: other.did,
        collection: POST,
        record: { $type: POST, text: 'x', createdAt: new Date().toISOString() },
      },
    });
    expect(res).toMatchObject({ status: 401, body: { error: 'AuthenticationRequired' } });
    await expect(agent.getProfile({ actor: 'nobody.test' })).rejects.toMatchObject({
      status: 400,
      error: 'InvalidRequest',
      message: 'Profile not found',
    });
    const missingPost = `at://${account.did}/${POST}/3lbrmvc3ufc2x`;
    await expect(agent.getPostThread({ uri: missingPost })).rejects.toMatchObject({
      status: 400,
      error: 'NotFound',
      message: `Post not found: ${missingPost}`,
    });
    await expect(agent.resolveHandle({ handle: 'nobody.test' })).rejects.toMatchObject({
      status: 400,
      error: 'InvalidRequest',
      message: 'Unable to resolve handle',
    });
    const unknownRepo = await xrpc(sandbox, 'POST', 'com.atproto.repo.createRecord', {
      token,
      body: {
        repo: 'nobody.test',
        collection: POST,
        record: { $type: POST, text: 'x', createdAt: new Date().toISOString() },
      },
    });
    expect(unknownRepo).toMatchObject({
      status: 403,
      body: { error: 'AccountNotFound', message: 'Account not found' },
    });
  });

  it('sends RateLimit-* headers and answers 429 RateLimitExceeded past the repo write limit', async () => {
    const first = await createPost({ text: 'Counting', createdAt: new Date().toISOString() });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toMatch(/^\d+;w=\d+$/);
    expect(Number(first.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);

    // Six points an hour: two creates (3 points each), then the PDS refuses.
    const override = await sandbox.control('PUT', '/_sandbox/rate-limits', {
      network: 'bluesky',
      endpoint: 'repo-write-hour',
      limit: 6,
      windowSeconds: 3600,
    });
    expect(override.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const ok = await createPost({ text: `Within the limit ${i}`, createdAt: new Date().toISOString() });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-remaining')).toBe(String(3 - 3 * i));
      expect(ok.headers.get('ratelimit-policy')).toBe('6;w=3600');
    }
    const limited = await createPost({ text: 'Over the limit', createdAt: new Date().toISOString() });
    expect(limited).toMatchObject({
      status: 429,
      body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
    });
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-limit')).toBe('6');
    await expect(agent.post({ text: 'Through the agent' })).rejects.toMatchObject({
      status: 429,
      error: 'RateLimitExceeded',
    });
    const ledger = await sandbox.control<{ items: { content: string }[] }>(
      'GET',
      `/_sandbox/ledger?network=bluesky&accountId=${encodeURIComponent(account.did)}`,
    );
    expect(ledger.body.items.map((entry) => entry.content)).not.toContain('Over the limit');
    await sandbox.control('DELETE', '/_sandbox/rate-limits?network=bluesky');
    expect((await createPost({ text: 'After the reset', createdAt: new Date().toISOString() })).status).toBe(
      200,
    );
  });
});
