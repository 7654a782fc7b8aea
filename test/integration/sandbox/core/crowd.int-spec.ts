import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import { createStandInAccount, postAs, StandInAccount } from './stand-in-client';
import { STAND_IN, StandInNetworkModule } from './stand-in-network.module';

interface CrowdItem {
  id: string;
  seq: number;
  accountId: string;
  kind: string;
  category: string;
  language: string;
  citizenHandle: string;
  citizenName: string;
  text: string;
  postId: string | null;
  objectId: string | null;
  error: string | null;
}

interface CrowdStatus {
  state: string;
  nextSeq: number;
  targets: number;
  burst: {
    requested: number;
    delivered: number;
    failed: number;
    startedAt: string;
    finishedAt: string | null;
  } | null;
}

async function items(sandbox: TestSandbox, limit = 10000): Promise<CrowdItem[]> {
  const { status, body } = await sandbox.control<{ items: CrowdItem[] }>(
    'GET',
    `/_sandbox/crowd/items?limit=${limit}`,
  );
  expect(status).toBe(200);
  return body.items;
}

/** Two accounts with three posts each, created in the same order every time. */
async function seedAccounts(sandbox: TestSandbox): Promise<StandInAccount[]> {
  const accounts = [await createStandInAccount(sandbox), await createStandInAccount(sandbox)];
  for (const account of accounts) {
    for (let i = 0; i < 3; i++) expect((await postAs(sandbox, account, `news ${i}`)).status).toBe(201);
  }
  return accounts;
}

describe('sandbox crowd (/_sandbox/crowd)', () => {
  let sandbox: TestSandbox;
  let accounts: StandInAccount[];

  beforeAll(async () => {
    sandbox = await startSandbox({ imports: [StandInNetworkModule], crowdTickMs: 50 });
    accounts = await seedAccounts(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('explains what is missing before it is set up', async () => {
    const burst = await sandbox.control('POST', '/_sandbox/crowd/burst', { count: 10 });
    expect(burst.status).toBe(409);
    expect(burst.body.message).toContain('POST /_sandbox/crowd');
    expect((await sandbox.control('POST', '/_sandbox/crowd/pause')).status).toBe(409);
    const bad = await sandbox.control('POST', '/_sandbox/crowd', { ratePerMinute: -1, networks: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.details!.map((d) => d.field).sort()).toEqual(['networks', 'ratePerMinute', 'seed']);
    const unknown = await sandbox.control('POST', '/_sandbox/crowd', {
      seed: 's',
      ratePerMinute: 0,
      networks: ['myspace'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('myspace');
    expect((await sandbox.control('POST', '/_sandbox/crowd/burst', { count: 0 })).status).toBe(400);
  });

  it('produces the same items from the same seed, and different ones from another seed', async () => {
    const other = await startSandbox({ imports: [StandInNetworkModule] });
    try {
      const otherAccounts = await seedAccounts(other);
      const run = async (target: TestSandbox, owners: StandInAccount[], seed: string) => {
        const before = (await items(target)).length;
        await target.control('POST', '/_sandbox/crowd', { seed, ratePerMinute: 0 });
        const { status } = await target.control('POST', '/_sandbox/crowd/burst', { count: 300, wait: true });
        expect(status).toBe(202);
        return (await items(target)).slice(before).map((item) => ({
          seq: item.seq,
          account: owners.findIndex((a) => a.accountId === item.accountId),
          kind: item.kind,
          category: item.category,
          language: item.language,
          citizen: `${item.citizenHandle} ${item.citizenName}`,
          text: item.text,
          postId: item.postId,
        }));
      };
      const first = await run(sandbox, accounts, 'reproducible');
      const second = await run(other, otherAccounts, 'reproducible');
      expect(first).toHaveLength(300);
      expect(second).toEqual(first);
      const third = await run(other, otherAccounts, 'another seed');
      expect(third.map((i) => i.text)).not.toEqual(first.map((i) => i.text));

      // The mix: every category, both languages, all three kinds, and both accounts.
      expect(new Set(first.map((i) => i.category))).toEqual(
        new Set(['question', 'complaint', 'thanks', 'urgent', 'safeguarding', 'abuse', 'spam']),
      );
      expect(new Set(first.map((i) => i.language))).toEqual(new Set(['en', 'cy']));
      expect(new Set(first.map((i) => i.kind))).toEqual(new Set(['reply', 'mention', 'dm']));
      expect(new Set(first.map((i) => i.account))).toEqual(new Set([0, 1]));
      expect(first.filter((i) => i.language === 'cy').map((i) => i.text)).toEqual(
        expect.arrayContaining([expect.stringMatching(/[’']|Diolch|Mae|Dw i|Ydy|Pryd|Sut|Ble/)]),
      );
      for (const item of first) {
        expect(item.citizen).toMatch(/^[a-z0-9_]{1,15} \S+ \S+$/);
        expect(item.text.length).toBeLessThan(200);
        if (item.kind === 'reply') expect(item.postId).toMatch(/^\d+$/);
      }
    } finally {
      await other.stop();
    }
  });

  it('delivers each item to the network and logs the id the network gave it', async () => {
    const logged = await items(sandbox);
    const delivered = (
      await sandbox.control<{ items: { id: string; kind: string; text: string }[] }>('GET', '/standin/items')
    ).body.items;
    expect(delivered).toHaveLength(logged.length);
    expect(logged.every((i) => i.error === null && /^item\d+$/.test(i.objectId ?? ''))).toBe(true);
    const byId = new Map(delivered.map((d) => [`item${d.id}`, d]));
    for (const item of logged.slice(0, 50)) {
      expect(byId.get(item.objectId!)).toMatchObject({ kind: item.kind, text: item.text });
    }
  });

  it('runs at the configured rate, pauses and resumes', async () => {
    const before = (await items(sandbox)).length;
    const started = await sandbox.control<CrowdStatus>('POST', '/_sandbox/crowd', {
      seed: 'steady',
      ratePerMinute: 1200, // 20 a second
      networks: [STAND_IN],
    });
    expect(started.body).toMatchObject({ state: 'running', nextSeq: 0, targets: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const paused = await sandbox.control<CrowdStatus>('POST', '/_sandbox/crowd/pause');
    expect(paused.body.state).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 150)); // let a tick already under way finish
    const produced = (await items(sandbox)).length - before;
    expect(produced).toBeGreaterThanOrEqual(10);
    expect(produced).toBeLessThanOrEqual(30);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await items(sandbox)).length - before).toBe(produced);

    expect((await sandbox.control<CrowdStatus>('POST', '/_sandbox/crowd/resume')).body.state).toBe('running');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await sandbox.control('POST', '/_sandbox/crowd/pause');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await items(sandbox)).length - before).toBeGreaterThan(produced);
  });

  it('bursts 10,000 items within a minute', async () => {
    await sandbox.control('POST', '/_sandbox/crowd', { seed: 'load test', ratePerMinute: 0 });
    const before = (await items(sandbox)).length;
    const started = Date.now();
    const accepted = await sandbox.control<CrowdStatus>('POST', '/_sandbox/crowd/burst', { count: 10000 });
    expect(accepted.status).toBe(202);
    expect(accepted.body.burst).toMatchObject({ requested: 10000, finishedAt: null });
    const again = await sandbox.control('POST', '/_sandbox/crowd/burst', { count: 1 });
    expect(again.status).toBe(409);

    let status: CrowdStatus;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await sandbox.control<CrowdStatus>('GET', '/_sandbox/crowd')).body;
    } while (!status.burst?.finishedAt && Date.now() - started < 60_000);
    expect(status.burst).toMatchObject({ requested: 10000, delivered: 10000, failed: 0 });
    expect(Date.parse(status.burst!.finishedAt!) - started).toBeLessThan(60_000);
    expect((await items(sandbox, 10000)).length + before).toBeGreaterThanOrEqual(10000);
    expect(status.nextSeq).toBe(10000);
  }, 90_000);
});
