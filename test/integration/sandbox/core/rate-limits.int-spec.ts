import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';
import { createStandInAccount, postAs, StandInAccount } from './stand-in-client';
import { STAND_IN, StandInNetworkModule } from './stand-in-network.module';

describe('sandbox rate limits (/_sandbox/rate-limits)', () => {
  let sandbox: TestSandbox;
  let alice: StandInAccount;
  let bob: StandInAccount;

  beforeAll(async () => {
    sandbox = await startSandbox({ imports: [StandInNetworkModule] });
    alice = await createStandInAccount(sandbox);
    bob = await createStandInAccount(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('lists the networks’ own limits', async () => {
    const { body } = await sandbox.control<{ items: object[] }>('GET', '/_sandbox/rate-limits');
    expect(body.items).toContainEqual({
      network: STAND_IN,
      endpoint: 'POST /posts',
      limit: 1000,
      windowSeconds: 900,
      source: 'default',
    });
  });

  it('overrides a limit per account window, and resets', async () => {
    const set = await sandbox.control('PUT', '/_sandbox/rate-limits', {
      network: STAND_IN,
      endpoint: 'POST /posts',
      limit: 2,
      windowSeconds: 60,
    });
    expect(set.status).toBe(200);
    const remaining: (string | null)[] = [];
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postAs(sandbox, alice, `limited ${i}`);
      codes.push(res.status);
      remaining.push(res.headers.get('x-limit-remaining'));
    }
    expect(codes).toEqual([201, 201, 429]);
    expect(remaining).toEqual(['1', '0', '0']);
    expect((await postAs(sandbox, bob, 'bob has his own window')).status).toBe(201);

    expect((await sandbox.control('DELETE', `/_sandbox/rate-limits?network=${STAND_IN}`)).status).toBe(204);
    expect((await postAs(sandbox, alice, 'after reset')).status).toBe(201);
  });

  it('refuses a bad override', async () => {
    const { status, body } = await sandbox.control('PUT', '/_sandbox/rate-limits', {
      network: STAND_IN,
      limit: -1,
      windowSeconds: 0,
    });
    expect(status).toBe(400);
    expect(body.details!.map((d) => d.field).sort()).toEqual(['endpoint', 'limit', 'windowSeconds']);
  });
});
