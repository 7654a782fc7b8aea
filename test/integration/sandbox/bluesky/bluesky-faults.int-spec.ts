import { AtpAgent } from '@atproto/api';
import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import {
  BlueskyTestAccount,
  createBlueskyAccount,
  lexiconProblems,
  signedInAgent,
} from './bluesky-test-support';

const POST = 'app.bsky.feed.post';
/** The agent reports a connection that closed without a response as XRPCError status 1 (ResponseType.Unknown). */
const DROPPED = { status: 1 };
const CREATE_ROUTE = '^POST /bluesky/xrpc/com.atproto.repo.createRecord$';

interface LedgerItem {
  kind: string;
  objectId: string;
  idempotencyKey: string | null;
  content: string | null;
}

describe('Bluesky sandbox: injected faults seen through the real AtpAgent', () => {
  let sandbox: TestSandbox;
  let account: BlueskyTestAccount;
  let agent: AtpAgent;

  beforeAll(async () => {
    sandbox = await startSandbox();
    account = await createBlueskyAccount(sandbox, 'nhs_wales');
    agent = await signedInAgent(sandbox, account);
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  afterEach(async () => {
    await sandbox.control('DELETE', '/_sandbox/faults');
    expect(lexiconProblems(sandbox)).toEqual([]);
  });

  const addFault = async (fault: Record<string, unknown>): Promise<void> => {
    const res = await sandbox.control('POST', '/_sandbox/faults', { network: 'bluesky', ...fault });
    expect(res.status).toBe(201);
  };

  const ledger = async (query = ''): Promise<LedgerItem[]> => {
    const res = await sandbox.control<{ items: LedgerItem[] }>(
      'GET',
      `/_sandbox/ledger?network=bluesky&limit=1000&accountId=${encodeURIComponent(account.did)}${query}`,
    );
    return res.body.items;
  };

  const record = (text: string) => ({ $type: POST, text, createdAt: new Date().toISOString() });

  it('answers a 503 fault in the XRPC shape and creates nothing', async () => {
    await addFault({ route: CREATE_ROUTE, count: 1, action: { kind: 'status', status: 503 } });
    await expect(agent.post({ text: 'Clinic times (503)' })).rejects.toMatchObject({
      status: 503,
      error: 'NotEnoughResources',
    });
    expect((await ledger()).map((e) => e.content)).not.toContain('Clinic times (503)');
    const retry = await agent.post({ text: 'Clinic times (503)' });
    expect((await ledger()).filter((e) => e.content === 'Clinic times (503)').map((e) => e.objectId)).toEqual(
      [retry.uri],
    );
  });

  it('answers a 500 fault with InternalServerError and a 429 fault with its reset in RateLimit-* headers', async () => {
    await addFault({ route: CREATE_ROUTE, count: 1, action: { kind: 'status', status: 500 } });
    await expect(agent.post({ text: 'x' })).rejects.toMatchObject({
      status: 500,
      error: 'InternalServerError',
      message: 'Internal Server Error',
    });
    await addFault({
      route: CREATE_ROUTE,
      count: 1,
      action: { kind: 'status', status: 429, resetInSeconds: 120 },
    });
    const limited = await agent.post({ text: 'y' }).catch((error: unknown) => error);
    expect(limited).toMatchObject({ status: 429, error: 'RateLimitExceeded' });
    const headers = (limited as { headers: Record<string, string> }).headers;
    expect(headers['ratelimit-remaining']).toBe('0');
    const reset = Number(headers['ratelimit-reset']);
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 110);
    expect(reset).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 121);
  });

  it('turns a 401 "expired token" fault into 400 ExpiredToken, which the agent survives by refreshing', async () => {
    const before = agent.session!.accessJwt;
    await addFault({ route: CREATE_ROUTE, count: 1, action: { kind: 'status', status: 401 } });
    const created = await agent.post({ text: 'Posted across a token refresh' });
    expect(agent.session!.accessJwt).not.toBe(before);
    expect(
      (await ledger()).filter((e) => e.content === 'Posted across a token refresh').map((e) => e.objectId),
    ).toEqual([created.uri]);
  });

  it('holds the connection on a timeout fault and then cuts it, creating nothing', async () => {
    await addFault({ route: CREATE_ROUTE, count: 1, action: { kind: 'timeout', ms: 300 } });
    const started = Date.now();
    await expect(agent.post({ text: 'Never arrives' })).rejects.toMatchObject(DROPPED);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await ledger()).map((e) => e.content)).not.toContain('Never arrives');
  });

  it('commit-then-drop: the record exists and is in the ledger, the client sees a dropped connection, and a retry with the same rkey creates nothing more', async () => {
    const rkey = '3m6jbv2zdcs2k';
    await addFault({ route: CREATE_ROUTE, count: 1, action: { kind: 'commit-then-drop' } });
    const input = {
      repo: account.did,
      collection: POST,
      rkey,
      record: record('Flu vaccine walk-in clinic, Saturday'),
    };
    await expect(agent.com.atproto.repo.createRecord(input)).rejects.toMatchObject(DROPPED);

    const entries = await ledger(`&idempotencyKey=${rkey}`);
    expect(entries).toEqual([
      expect.objectContaining({
        kind: 'post',
        objectId: `at://${account.did}/${POST}/${rkey}`,
        idempotencyKey: rkey,
        content: 'Flu vaccine walk-in clinic, Saturday',
      }),
    ]);

    // The retry with the same rkey: the real PDS refuses a create onto an existing key with a bare 500
    // (bluesky-social/atproto#3718), so the client reads back to learn the outcome.
    await expect(agent.com.atproto.repo.createRecord(input)).rejects.toMatchObject({
      status: 500,
      error: 'InternalServerError',
    });
    const existing = await agent.com.atproto.repo.getRecord({ repo: account.did, collection: POST, rkey });
    expect(existing.data.value).toMatchObject({ text: 'Flu vaccine walk-in clinic, Saturday' });
    expect(await ledger(`&idempotencyKey=${rkey}`)).toHaveLength(1);
    const listed = await agent.com.atproto.repo.listRecords({
      repo: account.did,
      collection: POST,
      limit: 100,
    });
    expect(listed.data.records.filter((r) => r.uri.endsWith(`/${rkey}`))).toHaveLength(1);
  });

  it('commit-then-drop on uploadBlob: the blob is stored and usable although the client never heard back', async () => {
    await addFault({
      route: '^POST /bluesky/xrpc/com.atproto.repo.uploadBlob$',
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    const bytes = Buffer.from('GIF89a-not-really-a-gif');
    await expect(agent.uploadBlob(bytes, { encoding: 'image/gif' })).rejects.toMatchObject(DROPPED);
    const media = await ledger('&kind=media');
    expect(media).toHaveLength(1);
    const again = await agent.uploadBlob(bytes, { encoding: 'image/gif' });
    expect(again.data.blob.ref.toString()).toBe(media[0].objectId);
  });

  it('applies faults only to the account they name', async () => {
    const other = await createBlueskyAccount(sandbox, 'other_board');
    const otherAgent = await signedInAgent(sandbox, other);
    await addFault({ accountId: other.did, action: { kind: 'status', status: 503 } });
    await expect(otherAgent.post({ text: 'blocked' })).rejects.toMatchObject({ status: 503 });
    await expect(agent.post({ text: 'not blocked' })).resolves.toMatchObject({ uri: expect.any(String) });
  });
});
