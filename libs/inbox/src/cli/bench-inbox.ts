import 'reflect-metadata';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { ConfigModule, loadConfig } from '@outside-in/common';
import {
  createDatabaseIfMissing,
  DatabaseModule,
  dropDatabase,
  prepareDatabase,
  splitDatabaseUrl,
} from '@outside-in/database';
import { defaultOfficeHours, OfficeHoursService } from '@outside-in/guardrail-settings';
import type { InboundItem } from '@outside-in/platforms';
import { ALL_QUEUES, JobQueue, QueueModule, redisOptions } from '@outside-in/queue';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { InboundGuardrails } from '../guardrails/inbound-guardrails.service';
import { InboxIngestor } from '../inbox-ingestor.service';
import { InboxModule } from '../inbox.module';

/**
 * `npm run bench:inbox`: the figures issue 6 asks for, on a scratch database (created and dropped here), with
 * Redis under a key prefix of its own (removed at the end).
 *
 * 1. Ingest BENCH_ITEMS items (default 100,000 in 10,000 conversations), each delivered three times as the
 *    three paths would: polling pages in order (100 a batch), webhook deliveries shuffled (50 a batch), a replay
 *    (500 a batch). Items per second, rows stored, duplicates; against a bare batched INSERT of the same rows
 *    into a copy of the message table (same indexes) in the same run. The ingestor is the one production builds
 *    (InboxModule in a Nest application context): the guardrails (language, safeguarding triage, the
 *    out-of-hours reply), round-robin and the realtime events all run, for an organisation with the settings a
 *    new one gets. One item in 1,000 carries a risk phrase; one conversation in four has no language tag from the
 *    network, so our detection runs on it.
 *    Then the realistic worst case, BENCH_CLOSED_ITEMS items (default 20,000) in an organisation whose
 *    out-of-hours reply is on for the channel, read at a weekend (office closed): every new contact is
 *    answered, each reply a message, an outbound reply and a queued job.
 * 2. List and search latency, p50 and p95, with BENCH_MESSAGES messages (default 1,000,000) in
 *    BENCH_CONVERSATIONS conversations (default 100,000), seeded in SQL; a keyset page deep in the open list,
 *    and one at depth 500,000 in the organisation's message log, each against page 1.
 */
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const CLOSED_ITEMS = Number(process.env.BENCH_CLOSED_ITEMS ?? 20_000);
const PER_CONVERSATION = 10;
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);

const WORDS = [
  'bin',
  'bins',
  'collection',
  'pothole',
  'road',
  'parking',
  'permit',
  'library',
  'books',
  'council',
  'tax',
  'housing',
  'repair',
  'damp',
  'school',
  'bus',
  'flood',
  'warning',
  'noise',
  'complaint',
  'thanks',
  'help',
  'sbwriel',
  'ffordd',
  'llyfrgell',
  'diolch',
  'cymorth',
  'ysgol',
  'tai',
  'bws',
  'llifogydd',
  'parcio',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Written at one item a second from `start`; one in 1,000 carries a risk phrase of the shipped sets. */
function makeItems(count: number, start = Date.UTC(2026, 0, 1)): InboundItem[] {
  const random = rng(42);
  const items: InboundItem[] = [];
  const conversations = Math.ceil(count / PER_CONVERSATION);
  for (let i = 0; i < count; i++) {
    const c = i % conversations;
    const round = Math.floor(i / conversations);
    const words = Array.from({ length: 14 }, () => WORDS[Math.floor(random() * WORDS.length)]);
    if (i % 1000 === 999) words.splice(5, 0, 'i', 'want', 'to', 'end', 'it', 'all');
    const text = words.join(' ');
    // X tags most posts with a language; a post it cannot place, or a network without tags, leaves it to us.
    const language = c % 4 === 3 ? undefined : 'en';
    items.push({
      externalId: `1${String(i).padStart(12, '0')}`,
      kind: round === 0 ? 'mention' : 'reply',
      threadKey: `1${String(c).padStart(12, '0')}`,
      inReplyToExternalId: round === 0 ? undefined : `1${String(i - conversations).padStart(12, '0')}`,
      author: {
        externalId: `2${String(c).padStart(9, '0')}`,
        handle: `resident${c}`,
        displayName: `Resident ${c}`,
        profileUrl: `https://x.com/resident${c}`,
      },
      text,
      createdAt: new Date(start + i * 1000),
      language,
      fromAccount: false,
      raw: {
        id: `1${String(i).padStart(12, '0')}`,
        text,
        author_id: `2${c}`,
        lang: language ?? 'und',
        edit_history_tweet_ids: [],
      },
    });
  }
  return items;
}

function shuffled<T>(values: readonly T[], seed: number): T[] {
  const random = rng(seed);
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeQuery(
  db: DataSource,
  samples: number,
  query: (i: number) => [string, unknown[]],
): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const [sql, params] = query(i);
    const started = process.hrtime.bigint();
    await db.query(sql, params);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * Two queries timed in alternation, so a machine busy with other work slows both alike and their ratio stays
 * meaningful; and the buffers each one touches (EXPLAIN ANALYZE, BUFFERS), which no load changes: a keyset page
 * costs the same number of pages at any depth.
 */
async function timePair(
  db: DataSource,
  samples: number,
  a: [string, unknown[]],
  b: [string, unknown[]],
): Promise<{
  a: { p50: number; p95: number; buffers: number };
  b: { p50: number; p95: number; buffers: number };
}> {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < samples; i++) {
    for (const [slot, [sql, params]] of [a, b].entries()) {
      const started = process.hrtime.bigint();
      await db.query(sql, params);
      times[slot].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  const buffers = async ([sql, params]: [string, unknown[]]): Promise<number> => {
    const [row] = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)) as Array<{
      'QUERY PLAN': Array<{ Plan: Record<string, number> }>;
    }>;
    const plan = row['QUERY PLAN'][0].Plan;
    return (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
  };
  const summary = async (list: number[], query: [string, unknown[]]) => {
    list.sort((x, y) => x - y);
    return { p50: percentile(list, 50), p95: percentile(list, 95), buffers: await buffers(query) };
  };
  return { a: await summary(times[0], a), b: await summary(times[1], b) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

interface BenchOrganisation {
  organisationId: string;
  ownerId: string;
  channelId: string;
}

/** An organisation as sign-up leaves it (its owner a member, every setting at its default), with one X channel. */
async function createOrganisation(db: DataSource, name: string, handle: string): Promise<BenchOrganisation> {
  const [org] = await db.query(`INSERT INTO organisation (name) VALUES ($1) RETURNING id`, [name]);
  const [owner] = await db.query(
    `INSERT INTO app_user (email, name, password_hash) VALUES ($1, 'Bench Owner', 'x') RETURNING id`,
    [`${handle}@example.gov.uk`],
  );
  await db.query(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, 'owner')`, [
    org.id,
    owner.id,
  ]);
  const [channel] = await db.query(
    `INSERT INTO channel (organisation_id, network, external_account_id, handle, display_name, base_url, status, connected_at)
     VALUES ($1, 'x', $2, $2, $3, 'http://127.0.0.1:9/x', 'connected', now()) RETURNING id`,
    [org.id, handle, name],
  );
  return { organisationId: org.id, ownerId: owner.id, channelId: channel.id };
}

interface Deliveries {
  /** Milliseconds of each pass. */
  passes: Array<{ name: string; took: number }>;
  total: number;
  inserted: number;
  duplicates: number;
}

/** Each item three times, as polling, webhooks and a replay would deliver it. */
async function deliverThreeTimes(
  ingestor: InboxIngestor,
  channelId: string,
  items: readonly InboundItem[],
): Promise<Deliveries> {
  const passes: Array<{ name: string; batches: InboundItem[][] }> = [
    { name: 'polling (in order, 100 a batch)', batches: chunk(items, 100) },
    { name: 'webhooks (shuffled, 50 a batch)', batches: chunk(shuffled(items, 7), 50) },
    { name: 'replay (500 a batch)', batches: chunk(items, 500) },
  ];
  const out: Deliveries = { passes: [], total: 0, inserted: 0, duplicates: 0 };
  for (const pass of passes) {
    const started = Date.now();
    for (const batch of pass.batches) {
      const result = await ingestor.ingest(channelId, batch);
      out.inserted += result.inserted;
      out.duplicates += result.duplicates;
    }
    const took = Date.now() - started;
    out.total += took;
    out.passes.push({ name: pass.name, took });
  }
  return out;
}

async function storedCounts(db: DataSource, channelId: string): Promise<{ n: number; d: number }> {
  const [stored] = await db.query(
    `SELECT count(*) FILTER (WHERE direction = 'in')::int AS n,
            count(DISTINCT external_id) FILTER (WHERE direction = 'in')::int AS d
       FROM message WHERE channel_id = $1`,
    [channelId],
  );
  return stored;
}

async function benchIngest(app: INestApplicationContext, rows: string[][]): Promise<void> {
  const db = app.get(DataSource);
  const bench = await createOrganisation(db, 'Bench Council', 'benchcouncil');
  const ingestor = app.get(InboxIngestor);
  const run = await deliverThreeTimes(ingestor, bench.channelId, makeItems(ITEMS));
  for (const pass of run.passes)
    rows.push([
      `ingest: ${pass.name}`,
      `${Math.round(ITEMS / (pass.took / 1000))} items/s`,
      `${pass.took} ms`,
    ]);
  const stored = await storedCounts(db, bench.channelId);
  const [flagged] = await db.query(
    `SELECT count(*)::int AS n FROM conversation WHERE channel_id = $1 AND safeguarding_flagged_at IS NOT NULL`,
    [bench.channelId],
  );
  const deliveriesPerSecond = (3 * ITEMS) / (run.total / 1000);
  rows.push([
    `ingest: ${ITEMS} items x 3 deliveries (guardrails on, a new organisation's settings)`,
    `${Math.round(deliveriesPerSecond)} items/s`,
    `${stored.n} rows, ${stored.n - stored.d} duplicate rows (${run.inserted} inserted, ${run.duplicates} recognised); ${flagged.n} conversations flagged`,
  ]);
  const channel = { id: bench.channelId };
  const org = { id: bench.organisationId };
  // The bare baseline: the same rows, batched, into a copy of the message table with the same indexes.
  await db.query(`CREATE TABLE bare_message (LIKE message INCLUDING ALL)`);
  const source = (await db.query(
    `SELECT conversation_id, author_contact_id, external_id, body, in_reply_to_external_id, created_at, raw
       FROM message WHERE channel_id = $1 ORDER BY external_id`,
    [channel.id],
  )) as Array<Record<string, unknown>>;
  const started = Date.now();
  for (const batch of chunk(source, 500)) {
    await db.query(
      `INSERT INTO bare_message (organisation_id, conversation_id, channel_id, direction, external_id, author_contact_id,
                                 body, in_reply_to_external_id, created_at, raw)
       SELECT $1, m.conversation_id, $2, 'in', m.external_id, m.author_contact_id, m.body, m.in_reply_to_external_id,
              m.created_at, m.raw
         FROM jsonb_to_recordset($3::jsonb) AS m(conversation_id uuid, author_contact_id uuid, external_id text,
              body text, in_reply_to_external_id text, created_at timestamptz, raw jsonb)`,
      [org.id, channel.id, JSON.stringify(batch)],
    );
  }
  const bareTook = Date.now() - started;
  const barePerSecond = source.length / (bareTook / 1000);
  rows.push(['bare batched INSERT (500 a batch)', `${Math.round(barePerSecond)} rows/s`, `${bareTook} ms`]);
  rows.push([
    'ingest / bare',
    `${Math.round((100 * deliveriesPerSecond) / barePerSecond)}%`,
    'target >= 25%; ingest >= 2,000 items/s; 0 duplicates',
  ]);
  await db.query(`DROP TABLE bare_message`);

  // The realistic worst case: a weekend, the out-of-hours reply on for the channel, every new contact answered.
  const closed = await createOrganisation(db, 'Bench Closed Council', 'benchclosed');
  const settings = defaultOfficeHours();
  settings.autoReply = {
    ...settings.autoReply,
    enabled: true,
    allChannels: false,
    channelIds: [closed.channelId],
  };
  await app
    .get(OfficeHoursService)
    .update(closed.organisationId, settings, { userId: closed.ownerId, label: 'Bench Owner' }, null);
  // Saturday 3 January 2026, noon in London: closed since Friday 17:00. The items were written from 17:30 on.
  const guardrails = app.get(InboundGuardrails);
  const clock = guardrails.now;
  guardrails.now = () => new Date('2026-01-03T12:00:00Z');
  try {
    const worst = await deliverThreeTimes(
      ingestor,
      closed.channelId,
      makeItems(CLOSED_ITEMS, Date.UTC(2026, 0, 2, 17, 30)),
    );
    const closedStored = await storedCounts(db, closed.channelId);
    const [replies] = await db.query(
      `SELECT count(*)::int AS n FROM outbound_reply r JOIN message m ON m.id = r.message_id
        WHERE m.channel_id = $1 AND r.automatic`,
      [closed.channelId],
    );
    const first = worst.passes[0];
    rows.push([
      `ingest, office closed + out-of-hours reply on: ${CLOSED_ITEMS} items x 3 deliveries`,
      `${Math.round((3 * CLOSED_ITEMS) / (worst.total / 1000))} items/s`,
      `first delivery ${Math.round(CLOSED_ITEMS / (first.took / 1000))} items/s; ${closedStored.n} rows, ${closedStored.n - closedStored.d} duplicate rows; ${replies.n} automatic replies queued`,
    ]);
  } finally {
    guardrails.now = clock;
  }
}

async function benchLists(db: DataSource, rows: string[][]): Promise<void> {
  const [org] = await db.query(`INSERT INTO organisation (name) VALUES ('Bench Borough') RETURNING id`);
  const [user] = await db.query(
    `INSERT INTO app_user (email, name, password_hash) VALUES ('bench@example.gov.uk', 'Bench', 'x') RETURNING id`,
  );
  const channels: string[] = [];
  for (const network of ['x', 'facebook', 'instagram', 'mastodon', 'bluesky']) {
    const [channel] = await db.query(
      `INSERT INTO channel (organisation_id, network, external_account_id, handle, display_name, base_url, status, connected_at)
       VALUES ($1, $2, 'bench', 'bench', 'Bench', 'http://127.0.0.1:9', 'connected', now()) RETURNING id`,
      [org.id, network],
    );
    channels.push(channel.id);
  }
  const seeded = Date.now();
  await db.query(
    `INSERT INTO contact (organisation_id, network, external_id, handle, display_name)
     SELECT $1, 'x', 'c' || g, 'person' || g, 'Person ' || g FROM generate_series(1, $2) g`,
    [org.id, CONVERSATIONS],
  );
  await db.query(
    `INSERT INTO conversation (organisation_id, channel_id, contact_id, kind, thread_key, status, assignee_id,
                               first_message_at, last_message_at)
     SELECT $1, ($2::uuid[])[1 + g % 5], ct.id, 'mention_thread', 't' || g,
            (ARRAY['open', 'open', 'open', 'pending', 'snoozed', 'closed', 'closed', 'closed'])[1 + g % 8],
            CASE WHEN g % 10 = 0 THEN $3::uuid END,
            timestamptz '2026-01-01' + make_interval(secs => g * 60),
            timestamptz '2026-01-01' + make_interval(secs => g * 60 + 3000)
       FROM generate_series(1, $4) g JOIN contact ct ON ct.organisation_id = $1 AND ct.external_id = 'c' || g`,
    [org.id, channels, user.id, CONVERSATIONS],
  );
  const perConversation = Math.max(1, Math.round(MESSAGES / CONVERSATIONS));
  // Bulk load as one would restore a dump: the message table's secondary indexes (the full-text GIN above all) are
  // dropped, the rows written by one INSERT ... SELECT over generate_series, and the indexes built again in one
  // pass each, which is several times faster than maintaining them row by row. Bodies are 12 words drawn from
  // 20,000 pre-made texts, plus one of 5,000 reference words.
  const indexes = (await db.query(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = 'message'
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'message'::regclass)`,
  )) as Array<{ indexname: string; indexdef: string }>;
  for (const index of indexes) await db.query(`DROP INDEX "${index.indexname}"`);
  await db.query(
    `CREATE TEMP TABLE bench_body AS
     SELECT i, (SELECT string_agg(($1::text[])[1 + ((hashtext(i || '.' || w) & 2147483647) % $2)], ' ')
                  FROM generate_series(1, 12) w) AS body
       FROM generate_series(0, 19999) i`,
    [WORDS, WORDS.length],
  );
  await db.query(
    `INSERT INTO message (organisation_id, conversation_id, channel_id, direction, external_id, author_contact_id,
                          body, created_at, received_at)
     SELECT c.organisation_id, c.id, c.channel_id, CASE WHEN k % 3 = 2 THEN 'out' ELSE 'in' END,
            c.thread_key || '.' || k, CASE WHEN k % 3 = 2 THEN NULL ELSE c.contact_id END,
            b.body || ' ref' || ((hashtext(c.thread_key || k) & 2147483647) % 5000),
            c.first_message_at + make_interval(secs => k * 300),
            c.first_message_at + make_interval(secs => k * 300 + 2)
       FROM conversation c CROSS JOIN generate_series(0, $2 - 1) k
       JOIN bench_body b ON b.i = (hashtext(c.thread_key || '/' || k) & 2147483647) % 20000
      WHERE c.organisation_id = $1`,
    [org.id, perConversation],
  );
  await db.query(`DROP TABLE bench_body`);
  await db.query(`SET maintenance_work_mem = '256MB'`);
  for (const index of indexes) await db.query(index.indexdef);
  await db.query(`VACUUM ANALYZE contact`);
  await db.query(`VACUUM ANALYZE conversation`);
  await db.query(`VACUUM ANALYZE message`);
  const [counts] = await db.query(
    `SELECT (SELECT count(*) FROM message WHERE organisation_id = $1)::int AS messages,
            (SELECT count(*) FROM conversation WHERE organisation_id = $1)::int AS conversations`,
    [org.id],
  );
  rows.push([
    'seeded for lists and search',
    `${counts.messages} messages`,
    `${counts.conversations} conversations in ${Math.round((Date.now() - seeded) / 1000)} s`,
  ]);

  const open = (await db.query(
    `SELECT last_message_at, id FROM conversation WHERE organisation_id = $1 AND status = 'open'
      ORDER BY last_message_at DESC, id DESC`,
    [org.id],
  )) as Array<{ last_message_at: Date; id: string }>;
  const page = `SELECT c.id, c.status, c.last_message_at, ct.display_name
                  FROM conversation c LEFT JOIN contact ct ON ct.id = c.contact_id
                 WHERE c.organisation_id = $1 AND c.status = 'open' AND (c.last_message_at, c.id) < ($2, $3)
                 ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50`;
  const far = new Date('2100-01-01');
  const nil = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
  const random = rng(3);
  const list = await timeQuery(db, SAMPLES, () => {
    const at = open[Math.floor(random() * open.length)];
    return [page, [org.id, at.last_message_at, at.id]];
  });
  rows.push([
    'list: all open, keyset page of 50 (random depth)',
    `p50 ${ms(list.p50)}`,
    `p95 ${ms(list.p95)}`,
  ]);
  const mine = await timeQuery(db, SAMPLES, () => [
    `SELECT id FROM conversation WHERE organisation_id = $1 AND assignee_id = $2 AND status = 'open'
      ORDER BY last_message_at DESC, id DESC LIMIT 50`,
    [org.id, user.id],
  ]);
  rows.push(['list: mine, page 1', `p50 ${ms(mine.p50)}`, `p95 ${ms(mine.p95)}`]);
  const deepAt = open[Math.floor(open.length * 0.9)];
  const listPair = await timePair(
    db,
    SAMPLES * 2,
    [page, [org.id, far, nil]],
    [page, [org.id, deepAt.last_message_at, deepAt.id]],
  );
  rows.push([
    `list: page 1`,
    `p50 ${ms(listPair.a.p50)}, p95 ${ms(listPair.a.p95)}`,
    `${listPair.a.buffers} buffers`,
  ]);
  rows.push([
    `list: page at depth ${Math.floor(open.length * 0.9).toLocaleString('en-GB')} of ${open.length.toLocaleString('en-GB')} open`,
    `p50 ${ms(listPair.b.p50)}, p95 ${ms(listPair.b.p95)}`,
    `${listPair.b.buffers} buffers; p50 ratio to page 1: ${(listPair.b.p50 / listPair.a.p50).toFixed(2)} (target <= 1.5)`,
  ]);
  // The organisation's whole message log, newest received first (how the retention purge and a records review
  // walk it), on ix_message_org_received: a keyset page of 50 at depth 500,000 (half of the seeded messages
  // when fewer) against page 1. No conversation list is that long at 100,000 conversations; this one is.
  const depth = Math.min(500_000, Math.floor(counts.messages / 2));
  const [deepMessage] = (await db.query(
    `SELECT received_at, id FROM message WHERE organisation_id = $1
      ORDER BY received_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [org.id, depth],
  )) as Array<{ received_at: Date; id: string }>;
  const messagePage = `SELECT m.id, m.conversation_id, m.direction, m.body, m.received_at
                         FROM message m
                        WHERE m.organisation_id = $1 AND m.received_at <= $2 AND (m.received_at, m.id) < ($2, $3)
                        ORDER BY m.received_at DESC, m.id DESC LIMIT 50`;
  const logPair = await timePair(
    db,
    SAMPLES * 2,
    [messagePage, [org.id, far, nil]],
    [messagePage, [org.id, deepMessage.received_at, deepMessage.id]],
  );
  rows.push([
    'messages: page 1 of 50, newest first',
    `p50 ${ms(logPair.a.p50)}, p95 ${ms(logPair.a.p95)}`,
    `${logPair.a.buffers} buffers`,
  ]);
  rows.push([
    `messages: page at depth ${depth.toLocaleString('en-GB')}`,
    `p50 ${ms(logPair.b.p50)}, p95 ${ms(logPair.b.p95)}`,
    `${logPair.b.buffers} buffers; p50 ratio to page 1: ${(logPair.b.p50 / logPair.a.p50).toFixed(2)} (target <= 1.5)`,
  ]);
  const thread = await timeQuery(db, SAMPLES, () => [
    `SELECT id, direction, body, created_at FROM message WHERE conversation_id = $1 ORDER BY created_at, id LIMIT 100`,
    [open[Math.floor(random() * open.length)].id],
  ]);
  rows.push(['thread: messages of one conversation', `p50 ${ms(thread.p50)}`, `p95 ${ms(thread.p95)}`]);
  const search = await timeQuery(db, SAMPLES, () => {
    const words = `${WORDS[Math.floor(random() * WORDS.length)]} ${WORDS[Math.floor(random() * WORDS.length)]}`;
    return [
      `SELECT m.id, m.conversation_id, ts_rank(m.search, q) AS rank
         FROM message m, plainto_tsquery('simple', $2) q
        WHERE m.organisation_id = $1 AND m.search @@ q
        ORDER BY rank DESC, m.created_at DESC LIMIT 50`,
      [org.id, words],
    ];
  });
  rows.push(['search: two common words, ranked, top 50', `p50 ${ms(search.p50)}`, `p95 ${ms(search.p95)}`]);
  // Every message also carries one of 5,000 reference words (~200 messages each): a search people really make.
  const specific = await timeQuery(db, SAMPLES, () => [
    `SELECT m.id, m.conversation_id, ts_rank(m.search, q) AS rank
       FROM message m, plainto_tsquery('simple', $2) q
      WHERE m.organisation_id = $1 AND m.search @@ q
      ORDER BY rank DESC, m.created_at DESC LIMIT 50`,
    [org.id, `${WORDS[Math.floor(random() * WORDS.length)]} ref${Math.floor(random() * 5000)}`],
  ]);
  rows.push([
    'search: a common and a rare word, ranked, top 50',
    `p50 ${ms(specific.p50)}`,
    `p95 ${ms(specific.p95)}`,
  ]);
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

async function main(): Promise<void> {
  const base = loadConfig();
  const suffix = randomBytes(4).toString('hex');
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/${splitDatabaseUrl(base.DATABASE_URL).name}_bench_${suffix}`;
  const databaseUrl = url.toString();
  const prefix = `oibench-inbox-${suffix}`;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: base.REDIS_URL,
    QUEUE_PREFIX: prefix,
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    LOG_LEVEL: 'silent',
  });
  await createDatabaseIfMissing(databaseUrl);
  await prepareDatabase(databaseUrl);

  // The module graph the worker and the api build around the ingestor, against the scratch database.
  @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, QueueModule.forRoot(), InboxModule] })
  class BenchModule {}
  let app: INestApplicationContext | undefined;
  const rows: string[][] = [];
  const began = Date.now();
  try {
    app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
    await app.init();
    await benchIngest(app, rows);
    if (MESSAGES > 0) await benchLists(app.get(DataSource), rows);
  } finally {
    if (app) {
      for (const queue of ALL_QUEUES)
        await app
          .get(JobQueue)
          .queue(queue)
          .obliterate({ force: true })
          .catch(() => undefined);
      await app.close();
    }
    const redis = new Redis(redisOptions(base.REDIS_URL));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await dropDatabase(databaseUrl);
  }
  rows.push([
    'whole run',
    `${Math.round((Date.now() - began) / 1000)} s`,
    `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  |  '));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
