import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import { createStandInAccount, LedgerPage, listAs, postAs, StandInAccount } from './stand-in-client';
import { STAND_IN, StandInNetworkModule } from './stand-in-network.module';

interface FaultView {
  id: string;
  remaining: number | null;
  hits: number;
}

describe('sandbox faults (/_sandbox/faults)', () => {
  let sandbox: TestSandbox;
  let alice: StandInAccount;
  let bob: StandInAccount;

  beforeAll(async () => {
    sandbox = await startSandbox({ imports: [StandInNetworkModule] });
    alice = await createStandInAccount(sandbox);
    bob = await createStandInAccount(sandbox);
  });
  afterAll(() => sandbox.stop());
  afterEach(async () => {
    await sandbox.control('DELETE', '/_sandbox/faults');
  });

  const addFault = async (spec: object): Promise<FaultView> => {
    const { status, body } = await sandbox.control<FaultView>('POST', '/_sandbox/faults', spec);
    expect(status).toBe(201);
    return body;
  };
  const statuses = async (account: StandInAccount, n: number): Promise<number[]> => {
    const result: number[] = [];
    for (let i = 0; i < n; i++) result.push((await postAs(sandbox, account, `post ${i}`)).status);
    return result;
  };
  const ledgerContents = async (): Promise<string[]> =>
    (await sandbox.control<LedgerPage>('GET', '/_sandbox/ledger?limit=1000')).body.items.map(
      (e) => e.content ?? '',
    );

  it('answers the next N calls with the status, in the network’s own error shape, then stops', async () => {
    const fault = await addFault({ network: STAND_IN, count: 2, action: { kind: 'status', status: 503 } });
    const first = await postAs(sandbox, alice, 'refused');
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({
      standinError: 'Service unavailable (sandbox fault).',
      resetAt: expect.any(String),
    });
    expect(await statuses(alice, 2)).toEqual([503, 201]);
    const listed = (await sandbox.control<{ items: FaultView[] }>('GET', '/_sandbox/faults')).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: fault.id, remaining: 0, hits: 2 })]);
    expect(await ledgerContents()).not.toContain('refused');
  });

  it('gives a 429 its reset time', async () => {
    await addFault({
      network: STAND_IN,
      count: 1,
      action: { kind: 'status', status: 429, resetInSeconds: 60 },
    });
    const res = await postAs(sandbox, alice, 'limited');
    expect(res.status).toBe(429);
    const { resetAt } = (await res.json()) as { resetAt: string };
    expect(Date.parse(resetAt) - Date.now()).toBeGreaterThan(55_000);
    expect(Date.parse(resetAt) - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('with a probability, affects some calls, reproducibly for a seed', async () => {
    const spec = {
      network: STAND_IN,
      probability: 0.5,
      seed: 'coin',
      action: { kind: 'status', status: 500 },
    };
    await addFault(spec);
    const run1 = await statuses(alice, 30);
    await sandbox.control('DELETE', '/_sandbox/faults');
    await addFault(spec);
    const run2 = await statuses(alice, 30);
    expect(run1).toEqual(run2);
    const failures = run1.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(25);
    expect(new Set(run1)).toEqual(new Set([500, 201]));
  });

  it('matches the route regex on METHOD and path', async () => {
    await addFault({
      network: STAND_IN,
      route: '^GET /standin/posts$',
      action: { kind: 'status', status: 500 },
    });
    expect((await listAs(sandbox, alice)).status).toBe(500);
    expect((await postAs(sandbox, alice, 'route')).status).toBe(201);
  });

  it('matches the account and the network', async () => {
    await addFault({ network: STAND_IN, accountId: bob.accountId, action: { kind: 'status', status: 401 } });
    await addFault({ network: 'x', action: { kind: 'status', status: 500 } });
    expect((await postAs(sandbox, alice, 'alice is fine')).status).toBe(201);
    const res = await postAs(sandbox, bob, 'bob is not');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { standinError: string }).standinError).toContain('expired');
  });

  it('clears all faults, one network’s, or one by id', async () => {
    const a = await addFault({ network: STAND_IN, action: { kind: 'status', status: 500 } });
    await addFault({ network: 'x', action: { kind: 'status', status: 500 } });
    expect((await sandbox.control('DELETE', `/_sandbox/faults?network=x`)).body).toEqual({ removed: 1 });
    expect((await sandbox.control('DELETE', `/_sandbox/faults/${a.id}`)).status).toBe(204);
    const missing = await sandbox.control('DELETE', `/_sandbox/faults/${a.id}`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('GET /_sandbox/faults');
    expect((await postAs(sandbox, alice, 'cleared')).status).toBe(201);
    await addFault({ network: STAND_IN, action: { kind: 'status', status: 500 } });
    expect((await sandbox.control('DELETE', '/_sandbox/faults')).body).toEqual({ removed: 1 });
    expect((await sandbox.control<{ items: unknown[] }>('GET', '/_sandbox/faults')).body.items).toEqual([]);
  });

  it('adds latency and then lets the call through', async () => {
    await addFault({ network: STAND_IN, count: 1, action: { kind: 'latency', ms: 400 } });
    const started = Date.now();
    expect((await postAs(sandbox, alice, 'slow')).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('commit-then-drop: the post is created and recorded, then the connection is cut', async () => {
    await addFault({
      network: STAND_IN,
      route: '^POST /standin/posts$',
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    await expect(postAs(sandbox, alice, 'ambiguous')).rejects.toThrow();
    expect(await ledgerContents()).toContain('ambiguous');
    const posts = (await (await listAs(sandbox, alice)).json()) as { posts: { text: string }[] };
    expect(posts.posts.map((p) => p.text)).toContain('ambiguous');
    // Only once: the next call is answered normally.
    expect((await postAs(sandbox, alice, 'after the drop')).status).toBe(201);
  });

  it('timeout: holds the connection past the client’s patience, creating nothing', async () => {
    await addFault({ network: STAND_IN, count: 2, action: { kind: 'timeout', ms: 1500 } });
    const started = Date.now();
    await expect(postAs(sandbox, alice, 'never', { signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /abort|timeout/i,
    );
    expect(Date.now() - started).toBeLessThan(1400);
    // A patient client is cut off when the hold ends, still without an answer.
    const patient = Date.now();
    await expect(postAs(sandbox, alice, 'never either')).rejects.toThrow();
    expect(Date.now() - patient).toBeGreaterThanOrEqual(1400);
    expect(await ledgerContents()).not.toEqual(expect.arrayContaining(['never']));
    expect(await ledgerContents()).not.toEqual(expect.arrayContaining(['never either']));
  });

  it('refuses bad fault specs with a 400 that says what to fix', async () => {
    const cases: [object, string][] = [
      [{ network: STAND_IN, count: 1, probability: 0.5, action: { kind: 'status', status: 500 } }, 'count'],
      [{ network: STAND_IN, route: '(unclosed', action: { kind: 'status', status: 500 } }, 'route'],
      [{ network: STAND_IN, action: { kind: 'status' } }, 'action.status'],
      [{ network: STAND_IN, action: { kind: 'status', status: 418 } }, 'action.status'],
      [{ network: STAND_IN, action: { kind: 'latency' } }, 'action.ms'],
      [{ network: STAND_IN, action: { kind: 'explode' } }, 'action.kind'],
      [{ network: STAND_IN, probability: 2, action: { kind: 'timeout' } }, 'probability'],
      [{ network: STAND_IN }, 'action'],
      [{ network: 'twitter', action: { kind: 'timeout' } }, 'network'],
    ];
    for (const [spec, field] of cases) {
      const { status, body } = await sandbox.control('POST', '/_sandbox/faults', spec);
      expect({ spec, status }).toEqual({ spec, status: 400 });
      expect(body.details!.map((d) => d.field)).toContain(field);
    }
  });
});
