import { INestApplicationContext } from '@nestjs/common';
import { ChannelVault } from '@outside-in/channels';
import { loadConfig } from '@outside-in/common';
import { PostTarget } from '@outside-in/database';
import { PublishScheduler } from '@outside-in/publishing';
import { ALL_QUEUES, JobQueue } from '@outside-in/queue';
import { DataSource } from 'typeorm';
import { startWorker } from '../../../apps/worker/src/start-worker';
import {
  createSandboxChannel,
  createTestOrganisation,
  TestOrganisation,
} from '../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';
import { clearFaults, injectFault, ledgerEntries } from '../platforms/support/sandbox-controls';
import { reload } from './support/publishing-context';

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, withinMs: number): Promise<T> {
  const until = Date.now() + withinMs;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/**
 * A bilingual pair through a real worker and its queue (libs/publishing/README.md, "Bilingual pairs"): both halves
 * are due at the same moment; the English half's job waits, and the Welsh half's publication releases it at once
 * (well before the minute a held half waits to be looked at again). When the Welsh half fails, the English half
 * stays held, with its reason, and is never published.
 */
describe('publishing: a bilingual pair through the worker', () => {
  let database: TestDatabase;
  let sandbox: TestSandbox;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let org: TestOrganisation;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([createTestDatabase('pair_worker'), startSandbox()]);
    worker = await startWorker(
      loadConfig({
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: `oitest-${uniqueSuffix()}`,
        LOG_LEVEL: 'silent',
      }),
      { migrate: false },
    );
    dataSource = worker.get(DataSource);
    org = await createTestOrganisation(dataSource);
    // The author is a member, so the flag has someone to tell.
    await dataSource.query(
      `INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, 'editor')`,
      [org.organisationId, org.userId],
    );
  });
  afterAll(async () => {
    for (const name of ALL_QUEUES) {
      await worker
        ?.get(JobQueue)
        .queue(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    }
    await worker?.close();
    await sandbox?.stop();
    await database?.drop();
  });

  /** A post paired Welsh first, one target per half (on the channels given), both due in a moment, queued. */
  async function pair(welshChannel: string, englishChannel: string, cy: string, en: string) {
    const [post] = await dataSource.query(
      `INSERT INTO post (organisation_id, author_id, title, pair) VALUES ($1, $2, 'Pair', $3::jsonb) RETURNING id`,
      [org.organisationId, org.userId, JSON.stringify({ languages: ['cy', 'en'], texts: [cy, en] })],
    );
    const at = new Date(Date.now() + 1000);
    const ids: string[] = [];
    for (const [channelId, language, text] of [
      [englishChannel, 'en', en],
      [welshChannel, 'cy', cy],
    ]) {
      const inserted = await dataSource.getRepository(PostTarget).insert({
        postId: post.id,
        organisationId: org.organisationId,
        channelId,
        language,
        parts: [{ text, mediaIds: [] }],
        state: 'scheduled',
        scheduledAt: at,
      });
      ids.push(inserted.identifiers[0].id as string);
    }
    for (const id of ids) {
      await dataSource.transaction((manager) => worker.get(PublishScheduler).schedule(manager, id));
    }
    const [en2, cy2] = ids;
    return { cy: cy2, en: en2 };
  }

  const channel = (network: 'x' | 'mastodon') =>
    createSandboxChannel(dataSource, worker.get(ChannelVault), sandbox, org.organisationId, network);

  it('publishes the Welsh half, then at once the English half, each once, on one channel', async () => {
    const x = await channel('x');
    const suffix = uniqueSuffix();
    const { cy, en } = await pair(x.channel.id, x.channel.id, `Bore da ${suffix}`, `Good morning ${suffix}`);
    const both = await waitFor(
      async () => [(await reload(dataSource, cy)).state, (await reload(dataSource, en)).state],
      (states) => states.every((s) => s === 'published'),
      20_000,
    );
    expect(both).toEqual(['published', 'published']);
    const posts = await ledgerEntries(sandbox, {
      network: 'x',
      accountId: x.account.accountId,
      kind: 'post',
    });
    expect(posts.map((p) => p.content)).toEqual([`Bore da ${suffix}`, `Good morning ${suffix}`]);
    expect((await reload(dataSource, cy)).publishedAt!.getTime()).toBeLessThanOrEqual(
      (await reload(dataSource, en)).publishedAt!.getTime(),
    );
  });

  it('holds the English account’s half, with its reason, when the Welsh account’s half fails', async () => {
    const [welsh, english] = await Promise.all([channel('mastodon'), channel('x')]);
    await injectFault(sandbox, {
      network: 'mastodon',
      route: 'POST .*/api/v1/statuses$',
      accountId: welsh.account.accountId,
      count: 2,
      action: { kind: 'status', status: 401 },
    });
    const { cy, en } = await pair(welsh.channel.id, english.channel.id, 'Bore da', 'Good morning');
    expect(
      await waitFor(
        async () => (await reload(dataSource, cy)).state,
        (s) => s === 'failed',
        20_000,
      ),
    ).toBe('failed');
    await clearFaults(sandbox, 'mastodon');
    const held = await waitFor(
      () => reload(dataSource, en),
      // The half first waits ("Waiting for the Welsh half…"); the hold comes once the engine sees the failure.
      (row) => row.heldReason?.startsWith('Held because') ?? false,
      10_000,
    );
    expect(held.state).toBe('scheduled');
    expect(held.heldReason).toMatch(/^Held because the Welsh half failed on Mastodon /);
    // Its job ran and was held again: nothing went out on the English account.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await reload(dataSource, en)).state).toBe('scheduled');
    expect(
      await ledgerEntries(sandbox, { network: 'x', accountId: english.account.accountId, kind: 'post' }),
    ).toEqual([]);
    const [notified] = await dataSource.query(
      `SELECT count(*)::int AS count FROM notification WHERE post_id = (SELECT post_id FROM post_target WHERE id = $1) AND kind = 'post.pair_held'`,
      [en],
    );
    expect(notified.count).toBe(1);
    const audit = await dataSource.query(
      `SELECT action FROM audit_event WHERE subject_id = $1 AND action = 'post_target.pair_held'`,
      [en],
    );
    expect(audit).toHaveLength(1);
  });
});
