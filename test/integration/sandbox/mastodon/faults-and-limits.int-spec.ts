import { MastoTimeoutError } from 'masto';
import { TestSandbox } from '../../../support/sandbox-harness';
import {
  expectValidMastodonResponses,
  headerOf,
  httpError,
  isMastodonResponse,
  mastoClient,
  mastodonAccount,
  MastodonTestAccount,
  startMastodonSandbox,
  tinyPng,
} from './mastodon-test-kit';

interface LedgerPage {
  items: { objectId: string; idempotencyKey: string | null; content: string | null }[];
}

const STATUSES_ROUTE = '^POST (/mastodon)?/api/v1/statuses$';

describe('Mastodon sandbox: injected faults and rate limits, as masto sees them', () => {
  let sandbox: TestSandbox;
  let council: MastodonTestAccount;

  beforeAll(async () => {
    sandbox = await startMastodonSandbox();
    council = await mastodonAccount(sandbox, 'council');
  });
  afterEach(async () => {
    await sandbox.control('DELETE', '/_sandbox/faults');
    await sandbox.control('DELETE', '/_sandbox/rate-limits?network=mastodon');
    expectValidMastodonResponses(sandbox);
  });
  afterAll(() => sandbox.stop());

  async function addFault(spec: Record<string, unknown>): Promise<void> {
    const res = await sandbox.control('POST', '/_sandbox/faults', { network: 'mastodon', ...spec });
    expect(res.status).toBe(201);
  }

  async function ledgerFor(key: string): Promise<LedgerPage['items']> {
    return (
      await sandbox.control<LedgerPage>('GET', `/_sandbox/ledger?idempotencyKey=${encodeURIComponent(key)}`)
    ).body.items;
  }

  it('answers an injected 503 in Mastodon’s shape and creates nothing; the next call goes through', async () => {
    await addFault({ route: STATUSES_ROUTE, count: 1, action: { kind: 'status', status: 503 } });
    const key = `unavailable-${Date.now()}`;
    const error = await httpError(
      council.masto.v1.statuses.create(
        { status: 'Flood warning' },
        { requestInit: { headers: { 'Idempotency-Key': key } } },
      ),
    );
    expect(error.statusCode).toBe(503);
    expect(typeof error.message).toBe('string');
    expect(await ledgerFor(key)).toEqual([]);
    const status = await council.masto.v1.statuses.create(
      { status: 'Flood warning' },
      { requestInit: { headers: { 'Idempotency-Key': key } } },
    );
    expect((await ledgerFor(key)).map((entry) => entry.objectId)).toEqual([status.id]);
  });

  it('answers an injected 429 with { error: "Too many requests" } and an ISO 8601 reset', async () => {
    await addFault({
      route: STATUSES_ROUTE,
      count: 1,
      action: { kind: 'status', status: 429, resetInSeconds: 120 },
    });
    const error = await httpError(council.masto.v1.statuses.create({ status: 'x' }));
    expect(error.statusCode).toBe(429);
    expect(error.message).toBe('Too many requests');
    const response = sandbox.responses.filter(isMastodonResponse).slice(-1)[0];
    expect(headerOf(response, 'x-ratelimit-remaining')).toBe('0');
    const reset = Date.parse(headerOf(response, 'x-ratelimit-reset') ?? '');
    expect(headerOf(response, 'x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(reset - Date.now()).toBeGreaterThan(100_000);
    expect(reset - Date.now()).toBeLessThanOrEqual(120_000);
  });

  it('answers an injected 401 as an expired token', async () => {
    await addFault({
      route: '/api/v1/accounts/verify_credentials$',
      count: 1,
      action: { kind: 'status', status: 401 },
    });
    const error = await httpError(council.masto.v1.accounts.verifyCredentials());
    expect(error.statusCode).toBe(401);
    expect(error.message).toBe('The access token expired');
  });

  it('counts calls against the account’s window and answers 429 when it is used up', async () => {
    const set = await sandbox.control('PUT', '/_sandbox/rate-limits', {
      network: 'mastodon',
      endpoint: 'api',
      limit: 3,
      windowSeconds: 60,
    });
    expect(set.status).toBe(200);
    expectValidMastodonResponses(sandbox); // validate and clear what setup produced
    for (let i = 0; i < 3; i++) await council.masto.v1.accounts.verifyCredentials();
    const limited = await httpError(council.masto.v1.accounts.verifyCredentials());
    expect(limited.statusCode).toBe(429);
    expect(limited.message).toBe('Too many requests');

    const seen = sandbox.responses.filter(isMastodonResponse);
    expect(seen.map((r) => headerOf(r, 'x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    expect(seen.every((r) => headerOf(r, 'x-ratelimit-limit') === '3')).toBe(true);
    const reset = Date.parse(headerOf(seen[3], 'x-ratelimit-reset') ?? '');
    expect(reset).toBeGreaterThan(Date.now());
    expect(reset).toBeLessThanOrEqual(Date.now() + 60_000);

    // Windows are per account: another account is not limited.
    const other = await mastodonAccount(sandbox, 'other');
    await expect(other.masto.v1.accounts.verifyCredentials()).resolves.toMatchObject({ username: 'other' });
  });

  it('limits new statuses in their own window, shown in the headers while other calls go on', async () => {
    const poster = await mastodonAccount(sandbox, 'poster');
    await sandbox.control('PUT', '/_sandbox/rate-limits', {
      network: 'mastodon',
      endpoint: 'statuses',
      limit: 2,
      windowSeconds: 60,
    });
    expectValidMastodonResponses(sandbox); // validate and clear what setup produced
    await poster.masto.v1.statuses.create({ status: 'one' });
    await poster.masto.v1.statuses.create({ status: 'two' });
    const third = await httpError(poster.masto.v1.statuses.create({ status: 'three' }));
    expect(third.statusCode).toBe(429);
    const seen = sandbox.responses.filter(isMastodonResponse);
    expect(
      seen.map((r) => [r.status, headerOf(r, 'x-ratelimit-limit'), headerOf(r, 'x-ratelimit-remaining')]),
    ).toEqual([
      [200, '2', '1'],
      [200, '2', '0'],
      [429, '2', '0'],
    ]);
    await expect(poster.masto.v1.accounts.verifyCredentials()).resolves.toMatchObject({ username: 'poster' });
  });

  it('commit-then-drop: the status is created and in the ledger, the client sees a cut connection, the retry gets the original', async () => {
    await addFault({ route: STATUSES_ROUTE, count: 1, action: { kind: 'commit-then-drop' } });
    const key = `drop-${Date.now()}`;
    const headers = { 'Idempotency-Key': key };
    await expect(
      council.masto.v1.statuses.create({ status: 'Road closed on the A470' }, { requestInit: { headers } }),
    ).rejects.toThrow(/fetch failed|socket|terminated|ECONNRESET/i);
    const recorded = await ledgerFor(key);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].content).toBe('Road closed on the A470');

    const retried = await council.masto.v1.statuses.create(
      { status: 'Road closed on the A470' },
      { requestInit: { headers } },
    );
    expect(retried.id).toBe(recorded[0].objectId);
    expect(await ledgerFor(key)).toHaveLength(1);
    const timeline = await council.masto.v1.accounts.$select(council.accountId).statuses.list({ limit: 40 });
    expect(timeline.filter((status) => status.content === '<p>Road closed on the A470</p>')).toHaveLength(1);
  });

  it('commit-then-drop on a media upload: the file is stored and in the ledger, the client sees a cut connection', async () => {
    await addFault({
      route: '^POST (/mastodon)?/api/v2/media$',
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    const since = new Date().toISOString();
    await expect(
      council.masto.v2.media.create({
        file: new Blob([tinyPng()], { type: 'image/png' }),
        skipPolling: true,
      }),
    ).rejects.toThrow(/fetch failed|socket|terminated|ECONNRESET/i);
    const ledger = await sandbox.control<LedgerPage>(
      'GET',
      `/_sandbox/ledger?network=mastodon&kind=media&accountId=${council.accountId}&since=${encodeURIComponent(since)}`,
    );
    expect(ledger.body.items).toHaveLength(1);
    const media = await council.masto.v1.media.$select(ledger.body.items[0].objectId).fetch();
    expect(media.type).toBe('image');
  });

  it('holds the connection for a timeout fault until the client gives up', async () => {
    await addFault({ route: STATUSES_ROUTE, count: 1, action: { kind: 'timeout', ms: 2000 } });
    const impatient = mastoClient(sandbox, council.credentials.accessToken, 300);
    await expect(impatient.v1.statuses.create({ status: 'slow' })).rejects.toBeInstanceOf(MastoTimeoutError);
  });

  it('adds latency without failing the call', async () => {
    await addFault({ route: STATUSES_ROUTE, count: 1, action: { kind: 'latency', ms: 300 } });
    const started = Date.now();
    const status = await council.masto.v1.statuses.create({ status: 'a bit slow' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(status.id).toMatch(/^\d+$/);
  });
});
