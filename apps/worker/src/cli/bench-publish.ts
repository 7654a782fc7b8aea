import 'reflect-metadata';
import { INestApplication, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { channelBinding, ChannelVault } from '@outside-in/channels';
import { ConfigModule, loadConfig } from '@outside-in/common';
import {
  createDatabaseIfMissing,
  DatabaseModule,
  dropDatabase,
  prepareDatabase,
  splitDatabaseUrl,
} from '@outside-in/database';
import { PublishingModule, PublishScheduler } from '@outside-in/publishing';
import { ALL_QUEUES, JobQueue, QueueModule, redisOptions } from '@outside-in/queue';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditQueryService } from '../../../api/src/audit/audit-query.service';
import { bootstrapSandbox } from '../../../sandbox/src/sandbox.bootstrap';
import { startWorker } from '../start-worker';
import { cpuPerItem, CpuParts, cpuSnapshot, describeCpuPerItem } from './bench-cpu';

/**
 * `npm run bench:publish`: the figures issue 5 asks for, through the real pipeline: a scratch database (created
 * and dropped here), Redis under a key prefix of its own (removed at the end), the sandbox networks in this
 * process on loopback with a scratch database of their own, and BENCH_WORKERS real worker processes (default 1),
 * whose adapters call the sandbox as they would call X, Mastodon and Bluesky.
 *
 * 1. Lateness: BENCH_ISOLATED posts (default 1,000), each due BENCH_SPACING_MS (default 100) after the one before,
 *    on 100 channels of their own; lateness = when the sandbox stored the post (its ledger) minus the scheduled
 *    instant. p50, p99, max.
 * 2. Burst: BENCH_BURST posts (default 10,000) due in the same second on BENCH_CHANNELS channels (default 100:
 *    10 organisations of 4 X, 3 Mastodon and 3 Bluesky accounts); time from that second until the last one is
 *    published; the sandbox ledger checked for exactly once.
 * 3. A bare BullMQ worker (a no-op processor, the same concurrency per process and as many processes' worth of
 *    slots) working through as many delayed jobs due at once, in the same run: the pipeline's throughput as a share
 *    of it.
 *    For scale, the sandbox alone: X posts sent straight to it, as many at once.
 * 4. The worker processes' peak resident memory (VmHWM), and every organisation's audit chain verified.
 *
 * Invoked with `worker` as its argument it is one of those worker processes (configuration from the environment).
 */
const ISOLATED = Number(process.env.BENCH_ISOLATED ?? 1_000);
const SPACING_MS = Number(process.env.BENCH_SPACING_MS ?? 100);
const BURST = Number(process.env.BENCH_BURST ?? 10_000);
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 100);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const ORGANISATIONS = 10;
const NETWORKS = [
  'x',
  'x',
  'x',
  'x',
  'mastodon',
  'mastodon',
  'mastodon',
  'bluesky',
  'bluesky',
  'bluesky',
] as const;
/** The publishing processor's concurrency per worker process (PUBLISH_CONCURRENCY, apps/worker/src/publishing). */
const PROCESSOR_CONCURRENCY = loadConfig().PUBLISH_CONCURRENCY;

type FixtureNetwork = (typeof NETWORKS)[number];

interface BenchChannel {
  id: string;
  organisationId: string;
  userId: string;
  network: FixtureNetwork;
}

interface Bench {
  dataSource: DataSource;
  scheduler: PublishScheduler;
  vault: ChannelVault;
  sandboxUrl: string;
  sandboxDb: Client;
  /** Whose CPU the burst's figure counts (null when Postgres or Redis is on another machine). */
  cpu: CpuParts | null;
}

/** Whether a service URL points at this machine (loopback, or a Postgres Unix socket). */
function onThisMachine(serviceUrl: string): boolean {
  const url = new URL(serviceUrl);
  return (
    ['127.0.0.1', 'localhost', '[::1]', ''].includes(url.hostname) ||
    (url.searchParams.get('host') ?? '').startsWith('/')
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Peak resident memory of a process, from Linux's /proc (VmHWM), in MiB. */
function peakMemoryMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** A worker process running this file with `worker`; resolves once it processes jobs. */
async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(__filename, ['worker'], {
    env: { ...process.env, ...env },
    // BENCH_PROFILE=<dir>: each worker writes a V8 CPU profile there when it stops.
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`A worker process exited (${code}) before it was ready`)));
  });
  return child;
}

async function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Connected channels on fresh sandbox accounts, credentials sealed as the connect flow stores them. */
async function createChannels(bench: Bench, count: number, label: string): Promise<BenchChannel[]> {
  const channels: BenchChannel[] = [];
  const perOrganisation = Math.ceil(count / ORGANISATIONS);
  for (let o = 0; o < ORGANISATIONS && channels.length < count; o++) {
    const [organisation] = await bench.dataSource.query(
      `INSERT INTO organisation (name) VALUES ($1) RETURNING id`,
      [`Bench ${label} Council ${o + 1}`],
    );
    const [user] = await bench.dataSource.query(
      `INSERT INTO app_user (email, name, password_hash) VALUES ($1, 'Bench Author', 'not-a-hash') RETURNING id`,
      [`bench-${randomUUID()}@example.gov.uk`],
    );
    for (let c = 0; c < perOrganisation && channels.length < count; c++) {
      const network = NETWORKS[c % NETWORKS.length];
      const response = await fetch(`${bench.sandboxUrl}/_sandbox/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ network }),
      });
      const account = (await response.json()) as {
        accountId: string;
        handle: string;
        credentials: Record<string, string>;
      };
      if (response.status !== 201)
        throw new Error(`The sandbox refused an account: ${JSON.stringify(account)}`);
      const credentials =
        network === 'x'
          ? {
              accessToken: account.credentials.accessToken,
              refreshToken: account.credentials.refreshToken,
              clientId: account.credentials.clientId,
              clientSecret: account.credentials.clientSecret,
            }
          : network === 'bluesky'
            ? { identifier: account.credentials.identifier, password: account.credentials.password }
            : { accessToken: account.credentials.accessToken };
      const id = randomUUID();
      const sealed = bench.vault.seal(credentials, channelBinding(id));
      await bench.dataSource.query(
        `INSERT INTO channel (id, organisation_id, network, practice, external_account_id, handle, display_name,
                              base_url, credentials_key_id, credentials_sealed, status, connected_at)
         VALUES ($1, $2, $3, true, $4, $5, $5, $6, $7, $8, 'connected', now())`,
        [
          id,
          organisation.id,
          network,
          account.accountId,
          account.handle,
          `${bench.sandboxUrl}/${network}`,
          sealed.keyId,
          sealed.sealed,
        ],
      );
      channels.push({ id, organisationId: organisation.id, userId: user.id, network });
    }
  }
  return channels;
}

/**
 * Writes `dueAts.length` scheduled posts (one target each, round-robin over the channels) and queues their jobs
 * as PublishScheduler does after the scheduling transaction commits. Each text carries `ref <tag><n>` to find it in the ledger.
 */
async function schedulePosts(
  bench: Bench,
  channels: BenchChannel[],
  tag: string,
  dueAts: Date[],
): Promise<void> {
  const targets: Array<{ id: string; scheduledAt: Date }> = [];
  for (let start = 0; start < dueAts.length; start += 1000) {
    const slice = dueAts.slice(start, start + 1000);
    const rows = slice.map((due, i) => {
      const n = start + i;
      const channel = channels[n % channels.length];
      return {
        postId: randomUUID(),
        targetId: randomUUID(),
        organisationId: channel.organisationId,
        userId: channel.userId,
        channelId: channel.id,
        text: `Bin collections move to Tuesday next week in your area, ref ${tag}${n}`,
        due: due.toISOString(),
      };
    });
    await bench.dataSource.query(
      `INSERT INTO post (id, organisation_id, author_id, title, shared_text)
       SELECT r."postId", r."organisationId", r."userId", 'Bench post', r.text
         FROM jsonb_to_recordset($1::jsonb) AS r("postId" uuid, "organisationId" uuid, "userId" uuid, text text)`,
      [JSON.stringify(rows)],
    );
    await bench.dataSource.query(
      `INSERT INTO post_target (id, post_id, organisation_id, channel_id, parts, state, scheduled_at)
       SELECT r."targetId", r."postId", r."organisationId", r."channelId",
              jsonb_build_array(jsonb_build_object('text', r.text, 'mediaIds', '[]'::jsonb)), 'scheduled', r.due
         FROM jsonb_to_recordset($1::jsonb)
           AS r("targetId" uuid, "postId" uuid, "organisationId" uuid, "channelId" uuid, text text, due timestamptz)`,
      [JSON.stringify(rows)],
    );
    targets.push(...rows.map((row, i) => ({ id: row.targetId, scheduledAt: slice[i] })));
  }
  // What PublishScheduler.schedule queues once the scheduling transaction commits (the row, as written above).
  for (let start = 0; start < targets.length; start += 500) {
    await Promise.all(
      targets.slice(start, start + 500).map((target) =>
        bench.scheduler.enqueue({
          id: target.id,
          version: 1,
          state: 'scheduled',
          scheduledAt: target.scheduledAt,
          notBefore: null,
          publishNow: false,
        }),
      ),
    );
  }
}

/**
 * Waits until no target waits or is being published (the phases run one after another in a scratch database),
 * then returns the tag's counts by state. The wait asks only the due index (ix_post_target_due), so that the
 * benchmark's own polling takes next to nothing from the two cores it measures: the tag's grouped count scans
 * every post and once took a fifth of a core while the burst ran. Times come from published_at, not from this.
 */
async function waitForTargets(bench: Bench, tag: string, withinMs: number): Promise<Record<string, number>> {
  const until = Date.now() + withinMs;
  for (;;) {
    const [{ n }]: Array<{ n: number }> = await bench.dataSource.query(
      `SELECT count(*)::int AS n FROM post_target WHERE state IN ('scheduled', 'publishing')`,
    );
    if (n === 0 || Date.now() > until) break;
    await sleep(250);
  }
  const rows: Array<{ state: string; n: number }> = await bench.dataSource.query(
    `SELECT t.state, count(*)::int AS n FROM post_target t JOIN post p ON p.id = t.post_id
      WHERE p.shared_text LIKE $1 GROUP BY t.state`,
    [`%ref ${tag}%`],
  );
  return Object.fromEntries(rows.map((row) => [row.state, row.n]));
}

/** What the sandbox stored for the tag: n -> the instants it stored each post (more than one is a duplicate). */
async function ledgerOf(bench: Bench, tag: string): Promise<Map<number, Date[]>> {
  const rows: Array<{ content: string; created_at: Date }> = await bench.sandboxDb
    .query(`SELECT content, created_at FROM sandbox_ledger WHERE kind = 'post' AND content LIKE $1`, [
      `%ref ${tag}%`,
    ])
    .then((result) => result.rows);
  const pattern = new RegExp(`ref ${tag}(\\d+)`);
  const byN = new Map<number, Date[]>();
  for (const row of rows) {
    const match = pattern.exec(row.content);
    if (!match) continue;
    const n = Number(match[1]);
    byN.set(n, [...(byN.get(n) ?? []), row.created_at]);
  }
  return byN;
}

function onceCheck(byN: Map<number, Date[]>, expected: number): string {
  const duplicates = [...byN.values()].filter((dates) => dates.length > 1).length;
  return `${byN.size} of ${expected} on the network, ${duplicates} twice, ${expected - byN.size} missing`;
}

async function benchLateness(bench: Bench, rows: string[][]): Promise<void> {
  const channels = await createChannels(bench, CHANNELS, 'lateness');
  const start = Date.now() + 5_000;
  const dueAts = Array.from({ length: ISOLATED }, (_, i) => new Date(start + i * SPACING_MS));
  await schedulePosts(bench, channels, 'a', dueAts);
  if (Date.now() > start) console.warn('Scheduling the isolated posts took longer than their first due time');
  const counts = await waitForTargets(bench, 'a', ISOLATED * SPACING_MS + 120_000);
  const byN = await ledgerOf(bench, 'a');
  const lateness = [...byN.entries()]
    .map(([n, dates]) => dates[0].getTime() - dueAts[n].getTime())
    .sort((a, b) => a - b);
  rows.push([
    `(a) lateness, ${ISOLATED} isolated posts (${SPACING_MS} ms apart, ${channels.length} channels)`,
    lateness.length
      ? `p50 ${percentile(lateness, 50)} ms, p99 ${percentile(lateness, 99)} ms, max ${lateness.at(-1)} ms`
      : 'none published',
    'p99 <= 250 ms',
  ]);
  rows.push(['    exactly once (sandbox ledger)', onceCheck(byN, ISOLATED), JSON.stringify(counts)]);
}

async function benchBurst(bench: Bench, rows: string[][]): Promise<number> {
  const channels = await createChannels(bench, CHANNELS, 'burst');
  // Due in one second, far enough ahead for every job to be queued first.
  const second = Math.ceil((Date.now() + 8_000 + 2 * BURST) / 1000) * 1000;
  const dueAts = Array.from({ length: BURST }, (_, i) => new Date(second + (i % 1000)));
  const queuedFrom = Date.now();
  await schedulePosts(bench, channels, 'b', dueAts);
  const queuedIn = Date.now() - queuedFrom;
  if (Date.now() > second) console.warn('Scheduling the burst took longer than its due second');
  await sleep(second - Date.now());
  const cpuBefore = bench.cpu && (await cpuSnapshot(bench.dataSource, bench.cpu));
  const counts = await waitForTargets(bench, 'b', 600_000);
  const cpuAfter = bench.cpu && (await cpuSnapshot(bench.dataSource, bench.cpu));
  const [last] = await bench.dataSource.query(
    `SELECT max(t.published_at) AS last FROM post_target t JOIN post p ON p.id = t.post_id
      WHERE p.shared_text LIKE $1`,
    ['%ref b%'],
  );
  const tookMs = new Date(last.last).getTime() - second;
  const byN = await ledgerOf(bench, 'b');
  const perOrganisation = Math.ceil(channels.length / ORGANISATIONS);
  rows.push([
    `(b) ${BURST} posts due in one second, ${channels.length} channels (${ORGANISATIONS} organisations of ${perOrganisation})`,
    `all published ${(tookMs / 1000).toFixed(1)} s after that second (${Math.round(BURST / (tookMs / 1000))} posts/s)`,
    '<= 30 s',
  ]);
  rows.push([
    '    exactly once (sandbox ledger)',
    onceCheck(byN, BURST),
    `${JSON.stringify(counts)}; jobs queued in ${(queuedIn / 1000).toFixed(1)} s beforehand`,
  ]);
  rows.push([
    '    CPU per post while they went out (Linux /proc)',
    cpuBefore && cpuAfter
      ? describeCpuPerItem(cpuPerItem(cpuBefore, cpuAfter, BURST), availableParallelism())
      : 'not measured: Postgres or Redis is on another machine',
    '',
  ]);
  return BURST / (tookMs / 1000);
}

/**
 * The sandbox alone, for scale: BENCH_SANDBOX_POSTS posts (default 1,000) sent straight to its X API (POST
 * /x/2/tweets with each account's token, 50 per account) as many at once as the workers' publishing slots.
 */
async function benchSandboxAlone(bench: Bench, concurrency: number): Promise<number> {
  const count = Number(process.env.BENCH_SANDBOX_POSTS ?? 1_000);
  const tokens: string[] = [];
  for (let i = 0; i < Math.ceil(count / 50); i++) {
    const response = await fetch(`${bench.sandboxUrl}/_sandbox/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ network: 'x' }),
    });
    tokens.push(
      ((await response.json()) as { credentials: { accessToken: string } }).credentials.accessToken,
    );
  }
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        const response = await fetch(`${bench.sandboxUrl}/x/2/tweets`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[n % tokens.length]}`,
          },
          body: JSON.stringify({ text: `Library opening hours change over the holidays, ref s${n}` }),
        });
        if (response.status !== 201) throw new Error(`The sandbox answered ${response.status} to a post`);
        await response.arrayBuffer();
      }
    }),
  );
  return count / ((Date.now() - started) / 1000);
}

/** A no-op BullMQ worker with the publishing slots of the worker processes, delayed jobs due at once. */
async function benchBare(prefix: string, redisUrl: string, count: number): Promise<number> {
  const connection = redisOptions(redisUrl);
  const queue = new Queue('bare', { connection, prefix });
  const due = Date.now() + 3_000 + count / 5;
  const at = Date.now();
  for (let start = 0; start < count; start += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
        name: 'noop',
        data: { targetId: randomUUID(), version: 1 },
        opts: {
          jobId: `bare.${start + i}`,
          delay: Math.max(0, due - at),
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }
  let done = 0;
  let lastAt = 0;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const workers = Array.from({ length: WORKERS }, () => {
    const worker = new Worker('bare', async () => undefined, {
      connection,
      prefix,
      concurrency: PROCESSOR_CONCURRENCY,
    });
    worker.on('completed', () => {
      lastAt = Date.now();
      if (++done === count) finish();
    });
    return worker;
  });
  await finished;
  await Promise.all(workers.map((worker) => worker.close()));
  await sleep(200);
  await queue.obliterate({ force: true });
  await queue.close();
  return count / ((lastAt - due) / 1000);
}

async function runWorker(): Promise<void> {
  const app = await startWorker(loadConfig(), { migrate: false });
  process.on('message', (message) => {
    if (message !== 'stop') return;
    void app.close().finally(() => process.exit(0));
  });
  process.send?.({ ready: true });
}

async function main(): Promise<void> {
  const base = loadConfig();
  const suffix = randomBytes(4).toString('hex');
  const name = splitDatabaseUrl(base.DATABASE_URL).name;
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/${name}_bench_publish_${suffix}`;
  const databaseUrl = url.toString();
  url.pathname = `/${name}_bench_publish_${suffix}_sandbox`;
  const sandboxDatabaseUrl = url.toString();
  const prefix = `oibench-${suffix}`;
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: base.REDIS_URL,
    QUEUE_PREFIX: prefix,
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    LOG_LEVEL: 'silent',
  };
  const config = loadConfig(env);

  await createDatabaseIfMissing(databaseUrl);
  await prepareDatabase(databaseUrl);
  let sandbox: INestApplication | undefined;
  let app: INestApplicationContext | undefined;
  const sandboxDb = new Client({ connectionString: sandboxDatabaseUrl });
  const workers: ChildProcess[] = [];
  const rows: string[][] = [];
  try {
    sandbox = await bootstrapSandbox(
      loadConfig({ ...env, SANDBOX_DATABASE_URL: sandboxDatabaseUrl, LOG_LEVEL: 'error' }),
      0,
      { logger: ['error'], host: '127.0.0.1', announce: false },
    );
    const sandboxUrl = (await sandbox.getUrl()).replace('[::1]', '127.0.0.1').replace(/\/$/, '');
    await sandboxDb.connect();

    @Module({
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        QueueModule.forRoot(),
        PublishingModule.forRoot(),
      ],
    })
    class BenchModule {}
    app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
    await app.init();
    const bench: Bench = {
      dataSource: app.get(DataSource),
      scheduler: app.get(PublishScheduler),
      vault: app.get(ChannelVault),
      sandboxUrl,
      sandboxDb,
      cpu: null,
    };
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorkerProcess(env));
    if (onThisMachine(base.DATABASE_URL) && onThisMachine(base.REDIS_URL)) {
      const redis = new Redis(redisOptions(base.REDIS_URL));
      const info = await redis.info('server');
      redis.disconnect();
      bench.cpu = {
        workers: workers.map((worker) => worker.pid!),
        sandbox: process.pid,
        database: splitDatabaseUrl(databaseUrl).name,
        sandboxDatabase: splitDatabaseUrl(sandboxDatabaseUrl).name,
        redis: Number(/process_id:(\d+)/.exec(info)?.[1]) || null,
      };
    }

    await benchLateness(bench, rows);
    const pipeline = await benchBurst(bench, rows);
    const bare = await benchBare(prefix, base.REDIS_URL, BURST);
    rows.push([
      `(c) bare BullMQ no-op worker, ${BURST} delayed jobs due at once`,
      `${Math.round(bare)} jobs/s (${WORKERS} x concurrency ${PROCESSOR_CONCURRENCY})`,
      '',
    ]);
    rows.push(['    pipeline / bare', `${((100 * pipeline) / bare).toFixed(1)}%`, '>= 25%']);
    const sandboxAlone = await benchSandboxAlone(bench, WORKERS * PROCESSOR_CONCURRENCY);
    rows.push([
      '    for scale: the sandbox alone (X posts sent straight to it, same slots)',
      `${Math.round(sandboxAlone)} posts/s`,
      '',
    ]);
    const peaks = workers.map((worker) => peakMemoryMiB(worker.pid!));
    rows.push([
      `(d) worker peak memory (VmHWM, ${WORKERS} process${WORKERS > 1 ? 'es' : ''})`,
      peaks.map((peak) => (peak === null ? 'unknown' : `${peak.toFixed(0)} MiB`)).join(', '),
      '',
    ]);
    const verifier = new AuditQueryService(bench.dataSource);
    const organisations: Array<{ id: string }> = await bench.dataSource.query(`SELECT id FROM organisation`);
    let intact = 0;
    let events = 0;
    for (const organisation of organisations) {
      const result = await verifier.verify(organisation.id);
      if (result.ok) intact++;
      events += result.checked;
    }
    rows.push([
      '(e) audit chains (as npm run audit:verify checks them)',
      `${intact} of ${organisations.length} organisations intact, ${events} events`,
      'all intact',
    ]);
  } finally {
    for (const worker of workers) await stopWorkerProcess(worker);
    if (app) {
      for (const queue of ALL_QUEUES) {
        await app
          .get(JobQueue)
          .queue(queue)
          .obliterate({ force: true })
          .catch(() => undefined);
      }
      await app.close();
    }
    const redis = new Redis(redisOptions(base.REDIS_URL));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await sandboxDb.end().catch(() => undefined);
    await sandbox?.close();
    await dropDatabase(sandboxDatabaseUrl);
    await dropDatabase(databaseUrl);
  }
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(['measure', 'figure', 'target'].map((cell, i) => cell.padEnd(widths[i])).join('  |  '));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  |  '));
}

if (process.argv[2] === 'worker') {
  runWorker().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
