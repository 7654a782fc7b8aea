import { startSandbox, TestSandbox } from '../../../support/sandbox-harness';

const NETWORKS = ['x', 'facebook', 'instagram', 'mastodon', 'bluesky'];

interface CrowdItem {
  network: string;
  kind: string;
  objectId: string | null;
  error: string | null;
}

/** The crowd against the real network modules: every network's CrowdTarget takes every kind of item. */
describe('sandbox crowd on every network', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  it('delivers mentions and DMs to a new account on each network without an error', async () => {
    for (const network of NETWORKS) await sandbox.createAccount(network);
    const configured = await sandbox.control<{ targets: number }>('POST', '/_sandbox/crowd', {
      seed: 'every network',
      ratePerMinute: 0,
    });
    expect(configured.body.targets).toBe(NETWORKS.length);
    // New accounts have no posts, so planned replies become mentions; two bursts check the sequence carries on.
    for (const count of [100, 200]) {
      const burst = await sandbox.control<{ burst: { delivered: number; failed: number } }>(
        'POST',
        '/_sandbox/crowd/burst',
        { count, wait: true },
      );
      expect(burst.status).toBe(202);
      if (burst.body.burst.failed) {
        const failures = (
          await sandbox.control<{ items: CrowdItem[] }>('GET', '/_sandbox/crowd/items?limit=1000')
        ).body.items
          .filter((i) => i.error)
          .slice(0, 5);
        throw new Error(`crowd items failed: ${JSON.stringify(failures)}`);
      }
    }
    const { body } = await sandbox.control<{ items: CrowdItem[] }>('GET', '/_sandbox/crowd/items?limit=1000');
    expect(body.items).toHaveLength(300);
    for (const network of NETWORKS) {
      const mine = body.items.filter((i) => i.network === network);
      expect({ network, delivered: mine.length > 20 }).toEqual({ network, delivered: true });
      expect(
        mine.every((i) => i.error === null && typeof i.objectId === 'string' && i.objectId.length > 0),
      ).toBe(true);
      expect(new Set(mine.map((i) => i.kind))).toEqual(new Set(['mention', 'dm']));
    }
  });
});
