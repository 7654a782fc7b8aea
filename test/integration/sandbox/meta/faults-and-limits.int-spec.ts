import { Page, User } from 'facebook-nodejs-business-sdk';
import {
  createMetaAccount,
  graphFetch,
  MetaAccount,
  startSandbox,
  TestSandbox,
} from './support/meta-fixture';
import { expectGraphShapes } from './support/graph-shapes';
import { addFault, clearFaults, ledgerFor, resetRateLimits, setRateLimit } from './support/sandbox-controls';
import { sdkError } from './support/sandbox-graph-api';

describe('Meta sandbox: injected faults and rate limits, as the SDK sees them', () => {
  let sandbox: TestSandbox;
  let fb: MetaAccount;

  beforeAll(async () => {
    sandbox = await startSandbox();
    fb = await createMetaAccount(sandbox, 'facebook', { handle: 'powys_cc', displayName: 'Powys Council' });
  });
  afterEach(async () => {
    await clearFaults(sandbox);
    await resetRateLimits(sandbox);
  });
  afterAll(async () => {
    try {
      expect(expectGraphShapes(sandbox)).toBeGreaterThan(0);
    } finally {
      await sandbox.stop();
    }
  });

  const page = (): Page => new Page(fb.credentials.pageId, {}, undefined, fb.pageApi);

  it("answers a 503 fault with Graph's transient code 2", async () => {
    await addFault(sandbox, {
      network: 'facebook',
      route: '^POST /meta/v[0-9.]+/[0-9]+/feed$',
      count: 1,
      action: { kind: 'status', status: 503 },
    });
    const failed = await sdkError(() => page().createFeed([], { message: 'During an outage' }));
    expect(failed.status).toBe(503);
    expect(failed.response).toMatchObject({ code: 2, is_transient: true, type: 'OAuthException' });
    expect(await ledgerFor(sandbox, { network: 'facebook', accountId: fb.credentials.pageId })).toEqual([]);
    const retried = await page().createFeed([], { message: 'During an outage' });
    expect(retried.id).toContain(`${fb.credentials.pageId}_`);
  });

  it('answers 401 and 429 faults as an expired token (190/463) and a page limit (#32)', async () => {
    await addFault(sandbox, {
      network: 'facebook',
      accountId: fb.credentials.pageId,
      count: 1,
      action: { kind: 'status', status: 401 },
    });
    const expired = await sdkError(() => page().getFeed(['id']));
    expect(expired.response).toMatchObject({ code: 190, error_subcode: 463 });
    await addFault(sandbox, {
      network: 'meta',
      count: 1,
      action: { kind: 'status', status: 429, resetInSeconds: 600 },
    });
    const limited = await sdkError(() => page().getFeed(['id']));
    expect(limited.status).toBe(400);
    expect(limited.response).toMatchObject({ code: 32, is_transient: true });
    const usage = JSON.parse(String(limited.headers?.['x-business-use-case-usage'])) as Record<
      string,
      Array<Record<string, number>>
    >;
    expect(Object.values(usage)[0][0]).toMatchObject({
      call_count: 100,
      estimated_time_to_regain_access: 10,
    });
  });

  it('commit-then-drop: the post is created and in the ledger, but the client sees a dropped connection', async () => {
    await addFault(sandbox, {
      network: 'facebook',
      route: '/feed$',
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    const dropped = await sdkError(() => page().createFeed([], { message: 'Flood warning for the Severn' }));
    expect(dropped.status).toBeNull();
    expect(dropped.response).toBeNull();
    expect(dropped.message).toBe('The request was made but no response was received');
    const entries = await ledgerFor(sandbox, {
      network: 'facebook',
      accountId: fb.credentials.pageId,
      kind: 'post',
    });
    const recorded = entries.filter((e) => e.content === 'Flood warning for the Severn');
    expect(recorded).toHaveLength(1);
    const feed = await page().getFeed(['id', 'message'], { limit: 100 });
    expect(feed.map((p) => p.id)).toContain(recorded[0].objectId);
    // Blindly retrying is what the read-back protects against: Graph calls it a duplicate.
    const retry = await sdkError(() => page().createFeed([], { message: 'Flood warning for the Severn' }));
    expect(retry.response?.code).toBe(506);
  });

  it('limits page-token calls with (#32) and reports usage in X-Business-Use-Case-Usage', async () => {
    await setRateLimit(sandbox, 'facebook', 'pages', 2);
    const first = await graphFetch(sandbox, `/v21.0/${fb.credentials.pageId}/feed`, {
      token: fb.credentials.pageAccessToken,
    });
    expect(first.status).toBe(200);
    const usage = JSON.parse(first.headers.get('x-business-use-case-usage') ?? '{}') as Record<
      string,
      Array<Record<string, number>>
    >;
    expect(usage[fb.credentials.pageId][0]).toMatchObject({ type: 'pages', call_count: 50 });
    await page().getFeed(['id']);
    const limited = await sdkError(() => page().getFeed(['id']));
    expect(limited.status).toBe(400);
    expect(limited.response).toMatchObject({ code: 32, message: '(#32) Page request limit reached' });
    const after = JSON.parse(String(limited.headers?.['x-business-use-case-usage'])) as Record<
      string,
      Array<Record<string, number>>
    >;
    expect(after[fb.credentials.pageId][0]).toMatchObject({
      call_count: 100,
      estimated_time_to_regain_access: 60,
    });
  });

  it('limits user-token calls with (#17) and the app with (#4), which reports X-App-Usage', async () => {
    await setRateLimit(sandbox, 'facebook', 'user', 1);
    await new User('me', {}, undefined, fb.userApi).get(['id']);
    const user = await sdkError(() => new User('me', {}, undefined, fb.userApi).get(['id']));
    expect(user.response).toMatchObject({ code: 17, message: '(#17) User request limit reached' });
    await resetRateLimits(sandbox);
    await setRateLimit(sandbox, 'facebook', 'app', 1);
    await page().getFeed(['id']);
    const app = await sdkError(() => page().getFeed(['id']));
    expect(app.status).toBe(403);
    expect(app.response).toMatchObject({ code: 4, message: '(#4) Application request limit reached' });
    expect(JSON.parse(String(app.headers?.['x-app-usage']))).toEqual({
      call_count: 100,
      total_cputime: 50,
      total_time: 50,
    });
  });

  it('blocks a page posting too fast with (#368)', async () => {
    await setRateLimit(sandbox, 'facebook', 'feed_posts', 1, 60);
    await page().createFeed([], { message: 'First of many' });
    const blocked = await sdkError(() => page().createFeed([], { message: 'Second, too soon' }));
    expect(blocked.response).toMatchObject({ code: 368, error_subcode: 1390008 });
  });

  it('holds the connection for a timeout fault until the client gives up', async () => {
    await addFault(sandbox, { network: 'facebook', count: 1, action: { kind: 'timeout', ms: 5000 } });
    const started = Date.now();
    const res = await fetch(
      `${sandbox.url}/meta/v21.0/${fb.credentials.pageId}?access_token=${fb.credentials.pageAccessToken}`,
      {
        signal: AbortSignal.timeout(500),
      },
    ).catch((error: unknown) => error);
    expect((res as { name?: string }).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});
