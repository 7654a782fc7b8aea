import type { PostTarget } from '@outside-in/database';
import type { Redis } from 'ioredis';
import type { PublishingOptions } from '@outside-in/publishing';
import { createSandboxChannel, createTestOrganisation, FixtureNetwork } from '../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { TEST_REDIS_URL } from '../../support/test-env';
import { startWorkerProcess, WorkerProcess } from '../../support/worker-process';
import { injectFault, LedgerEntry, ledgerEntries } from '../platforms/support/sandbox-controls';
import {
  createTestPostTarget,
  PublishingContext,
  startPublishingContext,
} from './support/publishing-context';

/** Short timings, the same for the worker processes and the reconciler this test runs. */
const OPTIONS: Partial<PublishingOptions> = {
  retryBaseDelayMs: 300,
  retryMaxDelayMs: 2000,
  settleDelayMs: 500,
  heartbeatMs: 500,
  stuckAfterMs: 3000,
  maxAttempts: 10,
  missedAfterMs: 60 * 60 * 1000,
};

const CHANNELS: Array<{ network: FixtureNetwork; publishRoute: string }> = [
  { network: 'x', publishRoute: '^POST /x/2/tweets$' },
  { network: 'x', publishRoute: '^POST /x/2/tweets$' },
  { network: 'x', publishRoute: '^POST /x/2/tweets$' },
  { network: 'mastodon', publishRoute: 'POST .*/api/v1/statuses$' },
  { network: 'mastodon', publishRoute: 'POST .*/api/v1/statuses$' },
  { network: 'bluesky', publishRoute: 'com\\.atproto\\.repo\\.createRecord$' },
];
const TARGETS_PER_CHANNEL = 8;
const CHAOS_MS = 20_000;

/**
 * A small version of issue 5's chaos test: posts across sandbox channels while worker processes are killed with
 * SIGKILL every few seconds, Redis loses every queue key half-way, and the networks answer with 429s, 503s,
 * timeouts and commit-then-drop. Every post must be on its network exactly once, and every target `published`.
 */
describe('publishing: chaos', () => {
  let ctx: PublishingContext;
  let sandbox: TestSandbox;
  const alive: WorkerProcess[] = [];

  beforeAll(async () => {
    [ctx, sandbox] = await Promise.all([startPublishingContext(OPTIONS), startSandbox()]);
  });
  afterAll(async () => {
    await Promise.all(alive.map((worker) => worker.kill()));
    await ctx?.stop();
    await sandbox?.stop();
  });

  const startWorker = async (): Promise<void> => {
    alive.push(
      await startWorkerProcess({
        DATABASE_URL: ctx.database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: ctx.prefix,
        OI_TEST_PUBLISHING_OPTIONS: JSON.stringify(OPTIONS),
      }),
    );
  };

  it('every post is published exactly once through crashes and faults', async () => {
    const org = await createTestOrganisation(ctx.dataSource);
    const targets: Array<{ target: PostTarget; network: string; accountId: string }> = [];
    const start = Date.now();
    for (const [index, { network, publishRoute }] of CHANNELS.entries()) {
      const { channel, account } = await createSandboxChannel(
        ctx.dataSource,
        ctx.vault,
        sandbox,
        org.organisationId,
        network,
      );
      const fault = (action: Record<string, unknown>, probability: number, seed: string) =>
        injectFault(sandbox, {
          network,
          route: publishRoute,
          accountId: account.accountId,
          probability,
          seed: `${seed}-${index}`,
          action,
        });
      await fault({ kind: 'status', status: 503 }, 0.1, 'unavailable');
      await fault({ kind: 'status', status: 429, resetInSeconds: 2 }, 0.05, 'limited');
      await fault({ kind: 'timeout', ms: 300 }, 0.05, 'timeout');
      await fault({ kind: 'commit-then-drop' }, 0.15, 'dropped');
      for (let n = 0; n < TARGETS_PER_CHANNEL; n++) {
        const target = await createTestPostTarget(
          ctx.dataSource,
          { ...org, channelId: channel.id },
          {
            text: `Chaos ${index}-${n}: roadworks on the high street ${start}`,
            scheduledAt: new Date(start + 3000 + ((index * TARGETS_PER_CHANNEL + n) % 10) * 500),
          },
        );
        await ctx.scheduler.enqueue(target);
        targets.push({ target, network, accountId: account.accountId });
      }
    }

    await Promise.all([startWorker(), startWorker()]);
    let reconciling = true;
    const reconciler = (async () => {
      while (reconciling) {
        await ctx.reconciler.reconcile().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();

    // Kill a random worker every few seconds and start another in its place (starting takes a few seconds, so
    // replacements start in the background and kills go on meanwhile).
    let kills = 0;
    let flushed = 0;
    const starting: Array<Promise<void>> = [];
    const chaosStart = Date.now();
    while (Date.now() - chaosStart < CHAOS_MS) {
      await new Promise((resolve) => setTimeout(resolve, 1500 + Math.random() * 2000));
      if (!flushed && Date.now() - chaosStart > CHAOS_MS / 2) {
        // Redis loses every queue key half-way (a flush, a failover to an empty replica).
        const client = (await ctx.queue.client) as unknown as Redis;
        const keys = await client.keys(`${ctx.prefix}:*`);
        if (keys.length) flushed = await client.del(...keys);
      }
      if (!alive.length) continue;
      const victim = alive.splice(Math.floor(Math.random() * alive.length), 1)[0];
      await victim.kill('SIGKILL');
      kills++;
      starting.push(startWorker());
    }
    await Promise.all(starting);

    const ids = targets.map(({ target }) => target.id);
    const deadline = Date.now() + 120_000;
    let states: Array<{ state: string; n: number }> = [];
    for (;;) {
      states = await ctx.dataSource.query(
        `SELECT state, count(*)::int AS n FROM post_target WHERE id = ANY($1) GROUP BY state`,
        [ids],
      );
      const settled = states.every(({ state }) =>
        ['published', 'failed', 'missed', 'cancelled'].includes(state),
      );
      if (settled || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    reconciling = false;
    await reconciler;

    expect(states).toEqual([{ state: 'published', n: targets.length }]);
    expect(kills).toBeGreaterThanOrEqual(4);
    expect(flushed).toBeGreaterThan(0);
    const ledgers = new Map<string, LedgerEntry[]>();
    for (const { network, accountId } of targets) {
      if (!ledgers.has(accountId))
        ledgers.set(accountId, await ledgerEntries(sandbox, { network, accountId, kind: 'post' }));
    }
    const rows: Array<{ id: string; external_id: string }> = await ctx.dataSource.query(
      `SELECT id, external_id FROM post_target WHERE id = ANY($1)`,
      [ids],
    );
    const externalIds = new Map(rows.map((row) => [row.id, row.external_id]));
    for (const { target, accountId } of targets) {
      const copies = ledgers.get(accountId)!.filter((entry) => entry.content === target.parts[0].text);
      expect({ text: target.parts[0].text, copies: copies.length }).toEqual({
        text: target.parts[0].text,
        copies: 1,
      });
      expect(externalIds.get(target.id)).toContain(copies[0].objectId);
    }
    const total = [...ledgers.values()].reduce((sum, entries) => sum + entries.length, 0);
    expect(total).toBe(targets.length);

    // The faults really happened: unknown outcomes were settled, not retried blindly.
    const outcomes: Array<{ outcome: string | null; n: number }> = await ctx.dataSource.query(
      `SELECT outcome, count(*)::int AS n FROM publish_attempt WHERE target_id = ANY($1) GROUP BY outcome`,
      [ids],
    );
    const count = (outcome: string | null) => outcomes.find((o) => o.outcome === outcome)?.n ?? 0;
    expect(count('unknown')).toBeGreaterThan(0);
    expect(count('published') + count('settled_by_read_back')).toBe(targets.length);
  }, 240_000);
});
