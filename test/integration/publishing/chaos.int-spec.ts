import type { PublishingOptions } from '@outside-in/publishing';
import { createSandboxChannel, createTestOrganisation } from '../../support/channel-fixtures';
import { createFacebookChannel } from '../../support/inbox-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { TEST_REDIS_URL } from '../../support/test-env';
import { startWorkerProcess, WorkerProcess } from '../../support/worker-process';
import { injectFault, LedgerEntry, ledgerEntries } from '../platforms/support/sandbox-controls';
import { flushPrefix } from './support/flush-redis';
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

/**
 * Every network the worker can publish text to, with the route its publish call takes on the sandbox (faults
 * match it). Instagram is not here: it publishes only images, fetched from a public media URL that the worker
 * does not serve yet (the adapter refuses without one).
 */
const NETWORKS = [
  { network: 'x', publishRoute: '^POST /x/2/tweets$' },
  { network: 'facebook', publishRoute: '^POST /meta/v[0-9.]+/[0-9]+/feed$' },
  { network: 'mastodon', publishRoute: 'POST .*/api/v1/statuses$' },
  { network: 'bluesky', publishRoute: 'com\\.atproto\\.repo\\.createRecord$' },
] as const;
const CHANNELS_PER_NETWORK = 5;
const POSTS = 1000;
const WORKERS = 3;
/** Posts fall due over this long: faster than the workers publish, so a backlog builds up. */
const DUE_SPREAD_MS = 20_000;
/** Workers are killed at random moments until every post is out, but not beyond this. */
const KILLING_AT_MOST_MS = 150_000;

interface ChaosChannel {
  channelId: string;
  network: string;
  /** Whose posts the ledger and the faults filter on (the page id on Facebook, the DID on Bluesky). */
  accountId: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 5's chaos test: 1,000 posts across sandbox channels of every network while worker processes are killed
 * with SIGKILL at random moments (and replaced), Redis loses every queue key once, and the networks answer with
 * 429s (with their reset headers), 503s, timeouts and commit-then-drop. The sandbox ledger must show every post
 * exactly once and none missing, and every target must be `published` with the ledger's id and a link to it.
 */
describe('publishing: chaos', () => {
  let ctx: PublishingContext;
  let sandbox: TestSandbox;
  const alive: WorkerProcess[] = [];
  let reconciling = false;
  let reconciler: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    [ctx, sandbox] = await Promise.all([startPublishingContext(OPTIONS), startSandbox()]);
  });
  afterAll(async () => {
    reconciling = false;
    await reconciler;
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

  it('1,000 posts are each published exactly once through SIGKILLs, a Redis flush and network faults', async () => {
    const began = Date.now();
    const org = await createTestOrganisation(ctx.dataSource);
    const channels: ChaosChannel[] = [];
    for (const [index, { network, publishRoute }] of NETWORKS.flatMap((n) =>
      Array.from({ length: CHANNELS_PER_NETWORK }, () => n),
    ).entries()) {
      const { channel } =
        network === 'facebook'
          ? await createFacebookChannel(ctx.dataSource, ctx.vault, sandbox, org.organisationId)
          : await createSandboxChannel(ctx.dataSource, ctx.vault, sandbox, org.organisationId, network);
      const accountId = channel.externalAccountId;
      const fault = (action: Record<string, unknown>, probability: number, seed: string, count?: number) =>
        injectFault(sandbox, {
          network,
          route: publishRoute,
          accountId,
          ...(count ? { count } : { probability }),
          seed: `${seed}-${index}`,
          action,
        });
      await fault({ kind: 'status', status: 503 }, 0.06, 'unavailable');
      // Graph reports a reset in whole minutes: one 429 per page, or the pages would spend minutes waiting.
      if (network === 'facebook')
        await fault({ kind: 'status', status: 429, resetInSeconds: 2 }, 1, 'limited', 1);
      else await fault({ kind: 'status', status: 429, resetInSeconds: 2 }, 0.03, 'limited');
      await fault({ kind: 'timeout', ms: 300 }, 0.03, 'timeout');
      await fault({ kind: 'commit-then-drop' }, 0.06, 'dropped');
      channels.push({ channelId: channel.id, network, accountId });
    }
    // Beyond 30 posts a page a minute, Graph blocks the page for "going too fast" (#368, a failure a person must
    // look at): 50 posts a page falling due within 20 s would trip it, which is not what this test is about.
    const limited = await sandbox.control('PUT', '/_sandbox/rate-limits', {
      network: 'facebook',
      endpoint: 'feed_posts',
      limit: 1000,
      windowSeconds: 60,
    });
    expect(limited.status).toBeLessThan(300);

    // Workers start (a few seconds each) while the posts are written; the posts fall due once all are written.
    const starting: Array<Promise<void>> = Array.from({ length: WORKERS }, () => startWorker());
    const stamp = Date.now();
    const rows = Array.from({ length: POSTS }, (_, n) => ({
      channel: channels[n % channels.length],
      text: `Chaos ${n}: the high street is closed for roadworks ${stamp}`,
    }));
    const targets: Array<{ id: string; text: string; channel: ChaosChannel }> = [];
    for (let from = 0; from < rows.length; from += 50) {
      targets.push(
        ...(await Promise.all(
          rows.slice(from, from + 50).map(async ({ channel, text }) => {
            const target = await createTestPostTarget(
              ctx.dataSource,
              { ...org, channelId: channel.channelId },
              { text, scheduledAt: new Date(Date.now() + 24 * 3600_000) },
            );
            return { id: target.id, text, channel };
          }),
        )),
      );
    }
    await Promise.all(starting);
    const firstDue = Date.now() + 2000;
    await ctx.dataSource.query(
      `UPDATE post_target SET scheduled_at = $2::timestamptz + (random() * $3) * interval '1 millisecond'
        WHERE id = ANY($1)`,
      [targets.map((t) => t.id), new Date(firstDue), DUE_SPREAD_MS],
    );
    for (const target of await ctx.dataSource.query(
      `SELECT id, version, state, scheduled_at AS "scheduledAt", not_before AS "notBefore",
              publish_now AS "publishNow" FROM post_target WHERE id = ANY($1)`,
      [targets.map((t) => t.id)],
    )) {
      await ctx.scheduler.enqueue(target);
    }
    const prepared = Date.now();

    // The reconciler, as the worker runs it every 30 s, but every 2 s to keep the test short.
    reconciling = true;
    reconciler = (async () => {
      while (reconciling) {
        await ctx.reconciler.reconcile().catch(() => undefined);
        await sleep(2000);
      }
    })();

    const ids = targets.map((t) => t.id);
    const published = async (): Promise<number> =>
      (
        await ctx.dataSource.query(
          `SELECT count(*)::int AS n FROM post_target WHERE id = ANY($1) AND state = 'published'`,
          [ids],
        )
      )[0].n;

    // Every 1 to 4 s, kill a random worker (mid-job: they are busy) and start another in its place in the
    // background; a kill waits while fewer than two workers are ready, so kills never outpace starts (a few
    // seconds each, longer on a busy machine) and the work goes on. Once, Redis loses every key of the queue
    // (a flush, a failover to an empty replica).
    let kills = 0;
    let flushedKeys = 0;
    const replacing: Array<Promise<void>> = [];
    while (Date.now() - prepared < KILLING_AT_MOST_MS) {
      await sleep(1000 + Math.random() * 3000);
      if ((await published()) === POSTS) break;
      if (!flushedKeys && Date.now() - prepared > 20_000) {
        flushedKeys = await flushPrefix(ctx.queue, ctx.prefix);
      }
      if (alive.length < 2) continue;
      const victim = alive.splice(Math.floor(Math.random() * alive.length), 1)[0];
      await victim.kill('SIGKILL');
      kills++;
      replacing.push(startWorker());
    }
    await Promise.all(replacing);
    const killingEnded = Date.now();

    let states: Array<{ state: string; n: number }> = [];
    for (const deadline = Date.now() + 120_000; ;) {
      states = await ctx.dataSource.query(
        `SELECT state, count(*)::int AS n FROM post_target WHERE id = ANY($1) GROUP BY state`,
        [ids],
      );
      const settled = states.every(({ state }) =>
        ['published', 'failed', 'missed', 'cancelled'].includes(state),
      );
      if (settled || Date.now() > deadline) break;
      await sleep(500);
    }
    reconciling = false;
    await reconciler;
    const finished = Date.now();

    const outcomes: Array<{ outcome: string | null; n: number }> = await ctx.dataSource.query(
      `SELECT outcome, count(*)::int AS n FROM publish_attempt WHERE target_id = ANY($1) GROUP BY outcome`,
      [ids],
    );
    const faults = (
      await sandbox.control<{ items: Array<{ action: { kind: string; status?: number }; hits: number }> }>(
        'GET',
        '/_sandbox/faults',
      )
    ).body.items;
    const hits = (kind: string, status?: number) =>
      faults
        .filter((f) => f.action.kind === kind && f.action.status === status)
        .reduce((sum, f) => sum + f.hits, 0);
    console.log(
      [
        `Chaos: ${POSTS} posts on ${channels.length} channels, ${WORKERS} workers.`,
        `Setup ${((prepared - began) / 1000).toFixed(1)} s; killing ${((killingEnded - prepared) / 1000).toFixed(1)} s; all settled ${((finished - prepared) / 1000).toFixed(1)} s after the first were due.`,
        `${kills} SIGKILLs; ${flushedKeys} Redis keys flushed; faults hit: 503 ×${hits('status', 503)}, 429 ×${hits('status', 429)}, timeout ×${hits('timeout')}, commit-then-drop ×${hits('commit-then-drop')}.`,
        `Attempts: ${outcomes.map((o) => `${o.outcome ?? 'unfinished'} ${o.n}`).join(', ')}.`,
      ].join('\n'),
    );

    const unfinished: Array<{ id: string; network: string; state: string; channel_id: string }> =
      await ctx.dataSource.query(
        `SELECT t.id, c.network, t.state, t.channel_id, t.version, t.scheduled_at, t.not_before, t.held_reason,
                t.last_error, c.rate_limit, now() AS now
           FROM post_target t JOIN channel c ON c.id = t.channel_id
          WHERE t.id = ANY($1) AND t.state <> 'published' LIMIT 5`,
        [ids],
      );
    for (const target of unfinished) {
      // Explain a failure: what each attempt did, and how busy the channel was meanwhile.
      const attempts = await ctx.dataSource.query(
        `SELECT started_at, finished_at, outcome, left(error, 160) AS error FROM publish_attempt
          WHERE target_id = $1 ORDER BY started_at`,
        [target.id],
      );
      const [{ first }] = await ctx.dataSource.query(
        `SELECT min(started_at) AS first FROM publish_attempt WHERE target_id = $1`,
        [target.id],
      );
      const [{ later }] = await ctx.dataSource.query(
        `SELECT count(*)::int AS later FROM post_target WHERE channel_id = $1 AND published_at > $2`,
        [target.channel_id, first],
      );
      const jobs = await ctx.queue.getJobs([
        'active',
        'waiting',
        'delayed',
        'failed',
        'completed',
        'prioritized',
      ]);
      const job = jobs.find((j) => (j.data as { targetId?: string }).targetId === target.id);
      const jobState = job ? `${job.id} ${await job.getState()} ${job.failedReason ?? ''}` : 'no job';
      console.log(
        JSON.stringify(
          { ...target, postsOnTheChannelSinceItsFirstAttempt: later, attempts, jobState },
          null,
          1,
        ),
      );
    }

    expect(states).toEqual([{ state: 'published', n: POSTS }]);
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(flushedKeys).toBeGreaterThan(0);
    // The faults really happened, and unknown outcomes were settled, not retried blindly.
    expect(hits('status', 503)).toBeGreaterThan(0);
    expect(hits('status', 429)).toBeGreaterThan(0);
    expect(hits('timeout')).toBeGreaterThan(0);
    expect(hits('commit-then-drop')).toBeGreaterThan(0);
    const count = (outcome: string | null) => outcomes.find((o) => o.outcome === outcome)?.n ?? 0;
    expect(count('unknown')).toBeGreaterThan(0);
    expect(count('published') + count('settled_by_read_back')).toBe(POSTS);

    // The ledger: every post exactly once, on its own channel, and nothing else; our rows agree with it.
    const ledger = new Map<string, LedgerEntry[]>();
    for (const { network, accountId } of channels) {
      const entries: LedgerEntry[] = [];
      for (let afterId: string | null = null; ;) {
        const page: LedgerEntry[] = await ledgerEntries(sandbox, {
          network,
          accountId,
          ...(afterId ? { afterId } : {}),
        });
        entries.push(...page);
        if (page.length < 1000) break;
        afterId = page.at(-1)!.id;
      }
      ledger.set(accountId, entries);
    }
    const rowsNow: Array<{ id: string; external_id: string; external_url: string }> =
      await ctx.dataSource.query(`SELECT id, external_id, external_url FROM post_target WHERE id = ANY($1)`, [
        ids,
      ]);
    const recorded = new Map(rowsNow.map((row) => [row.id, row]));
    const wrong: unknown[] = [];
    for (const { id, text, channel } of targets) {
      const copies = ledger.get(channel.accountId)!.filter((entry) => entry.content === text);
      const row = recorded.get(id)!;
      const objectId = copies[0]?.objectId ?? '';
      if (
        copies.length !== 1 ||
        copies[0].kind !== 'post' ||
        row.external_id !== objectId ||
        !row.external_url?.startsWith('http') ||
        !row.external_url.includes(objectId.split(/[/_]/).at(-1)!)
      ) {
        wrong.push({ text, network: channel.network, copies: copies.length, row });
      }
    }
    expect(wrong).toEqual([]);
    const total = [...ledger.values()].reduce((sum, entries) => sum + entries.length, 0);
    expect(total).toBe(POSTS);
  }, 420_000);
});
