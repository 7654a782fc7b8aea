import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import { createStandInAccount, LedgerPage, postAs, StandInAccount } from './stand-in-client';
import { STAND_IN, StandInNetworkModule } from './stand-in-network.module';

describe('sandbox ledger (GET /_sandbox/ledger)', () => {
  let sandbox: TestSandbox;
  let alice: StandInAccount;
  let bob: StandInAccount;
  let between: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ imports: [StandInNetworkModule] });
    alice = await createStandInAccount(sandbox);
    bob = await createStandInAccount(sandbox);
    expect((await postAs(sandbox, alice, 'first', { idempotencyKey: 'key-1' })).status).toBe(201);
    expect((await postAs(sandbox, alice, 'second')).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 20));
    between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await postAs(sandbox, bob, 'third', { idempotencyKey: 'key-3' })).status).toBe(201);
  });
  afterAll(() => sandbox.stop());

  const ledger = (query: string) => sandbox.control<LedgerPage>('GET', `/_sandbox/ledger${query}`);

  it('records every create with network, account, kind, object id, content, key and time, oldest first', async () => {
    const { status, body } = await ledger(`?network=${STAND_IN}`);
    expect(status).toBe(200);
    expect(body.items.map((e) => e.content)).toEqual(['first', 'second', 'third']);
    expect(body.items[0]).toMatchObject({
      network: STAND_IN,
      accountId: alice.accountId,
      kind: 'post',
      idempotencyKey: 'key-1',
      content: 'first',
    });
    expect(body.items[0].objectId).toMatch(/^\d+$/);
    expect(Date.parse(body.items[0].createdAt)).not.toBeNaN();
    expect(body.items[1].idempotencyKey).toBeNull();
  });

  it('filters by account, kind, time and idempotency key', async () => {
    expect((await ledger(`?accountId=${bob.accountId}`)).body.items.map((e) => e.content)).toEqual(['third']);
    expect((await ledger(`?since=${encodeURIComponent(between)}`)).body.items.map((e) => e.content)).toEqual([
      'third',
    ]);
    expect((await ledger('?idempotencyKey=key-1')).body.items.map((e) => e.content)).toEqual(['first']);
    expect((await ledger('?kind=dm')).body.items).toEqual([]);
    expect((await ledger('?network=x')).body.items).toEqual([]);
  });

  it('pages with limit and afterId', async () => {
    const first = await ledger('?limit=2');
    expect(first.body.items.map((e) => e.content)).toEqual(['first', 'second']);
    expect(first.body.nextAfterId).toBe(first.body.items[1].id);
    const second = await ledger(`?limit=2&afterId=${first.body.nextAfterId}`);
    expect(second.body.items.map((e) => e.content)).toEqual(['third']);
    expect(second.body.nextAfterId).toBeNull();
  });

  it('lists creates that repeat within an account, by content or idempotency key', async () => {
    expect((await sandbox.control('GET', '/_sandbox/ledger/duplicates')).body).toEqual({ items: [] });
    const again = await postAs(sandbox, alice, 'first', { idempotencyKey: 'key-again' });
    const retried = await postAs(sandbox, bob, 'retried', { idempotencyKey: 'key-3' });
    const ids = [((await again.json()) as { id: string }).id, ((await retried.json()) as { id: string }).id];
    expect((await postAs(sandbox, bob, 'first')).status).toBe(201); // another account: not a duplicate
    const { body } = await sandbox.control<{ items: object[] }>(
      'GET',
      `/_sandbox/ledger/duplicates?network=${STAND_IN}`,
    );
    expect(body.items).toEqual([
      expect.objectContaining({ accountId: alice.accountId, by: 'content', value: 'first', count: 2 }),
      expect.objectContaining({ accountId: bob.accountId, by: 'idempotencyKey', value: 'key-3', count: 2 }),
    ]);
    expect(JSON.stringify(body.items)).toContain(ids[0]);
    expect(JSON.stringify(body.items)).toContain(ids[1]);
    const onlyBob = await sandbox.control<{ items: object[] }>(
      'GET',
      `/_sandbox/ledger/duplicates?accountId=${bob.accountId}`,
    );
    expect(onlyBob.body.items).toHaveLength(1);
  });

  it('explains bad queries with a 400 naming each field', async () => {
    const { status, body } = await sandbox.control(
      'GET',
      '/_sandbox/ledger?limit=0&since=yesterday&kind=tweet',
    );
    expect(status).toBe(400);
    expect(body.details!.map((d) => d.field).sort()).toEqual(['kind', 'limit', 'since']);
    expect(body.message).toContain('since must be an ISO 8601 date-time');
  });
});
