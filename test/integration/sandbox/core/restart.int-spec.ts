import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import { createStandInAccount, LedgerPage, listAs, postAs } from './stand-in-client';
import { StandInNetworkModule } from './stand-in-network.module';

describe('sandbox state across a restart', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ imports: [StandInNetworkModule] });
  });
  afterAll(() => sandbox.stop());

  it('keeps accounts, posts, the ledger and the crowd; forgets faults and rate-limit windows', async () => {
    const alice = await createStandInAccount(sandbox, 'alice');
    expect((await postAs(sandbox, alice, 'before the restart', { idempotencyKey: 'k1' })).status).toBe(201);
    await sandbox.control('POST', '/_sandbox/crowd', { seed: 'survivor', ratePerMinute: 0 });
    await sandbox.control('POST', '/_sandbox/crowd/burst', { count: 7, wait: true });
    await sandbox.control('POST', '/_sandbox/crowd/pause');
    await sandbox.control('POST', '/_sandbox/faults', {
      network: 'standin',
      action: { kind: 'status', status: 500 },
    });

    await sandbox.restart();

    // The same token still works: the account lives in the database.
    const posts = (await (await listAs(sandbox, alice)).json()) as { posts: { text: string }[] };
    expect(posts.posts.map((p) => p.text)).toEqual(['before the restart']);
    const ledger = await sandbox.control<LedgerPage>('GET', '/_sandbox/ledger?idempotencyKey=k1');
    expect(ledger.body.items).toEqual([
      expect.objectContaining({ content: 'before the restart', accountId: alice.accountId }),
    ]);
    const accounts = await sandbox.control<{ items: { handle: string }[] }>('GET', '/_sandbox/accounts');
    expect(accounts.body.items.map((a) => a.handle)).toEqual(['alice']);
    const crowd = await sandbox.control<{ state: string; nextSeq: number; settings: { seed: string } }>(
      'GET',
      '/_sandbox/crowd',
    );
    expect(crowd.body).toMatchObject({ state: 'paused', nextSeq: 7, settings: { seed: 'survivor' } });
    expect(
      (await sandbox.control<{ items: unknown[] }>('GET', '/_sandbox/crowd/items')).body.items,
    ).toHaveLength(7);

    // Faults belonged to the run that added them.
    expect((await sandbox.control<{ items: unknown[] }>('GET', '/_sandbox/faults')).body.items).toEqual([]);
    expect((await postAs(sandbox, alice, 'after the restart')).status).toBe(201);

    // The crowd carries on with item 7, not from the start.
    await sandbox.control('POST', '/_sandbox/crowd/resume');
    await sandbox.control('POST', '/_sandbox/crowd/burst', { count: 3, wait: true });
    const seqs = (
      await sandbox.control<{ items: { seq: number }[] }>('GET', '/_sandbox/crowd/items')
    ).body.items.map((i) => i.seq);
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
