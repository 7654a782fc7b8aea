import { INestApplicationContext } from '@nestjs/common';
import { ChannelVault } from '@outside-in/channels';
import { loadConfig } from '@outside-in/common';
import { PublishScheduler } from '@outside-in/publishing';
import { ALL_QUEUES, JobName, JobQueue, QueueName } from '@outside-in/queue';
import type { Redis } from 'ioredis';
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
import { ledgerEntries } from '../platforms/support/sandbox-controls';
import { createTestPostTarget, reload } from './support/publishing-context';

/** Polls until the target reaches `state` or the time is up; returns the last state seen. */
async function waitForState(
  dataSource: DataSource,
  id: string,
  state: string,
  withinMs: number,
): Promise<string> {
  const until = Date.now() + withinMs;
  let current = (await reload(dataSource, id)).state as string;
  while (current !== state && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = (await reload(dataSource, id)).state;
  }
  return current;
}

describe('publishing: the worker', () => {
  let database: TestDatabase;
  let sandbox: TestSandbox;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let org: TestOrganisation;
  let prefix: string;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([createTestDatabase('publishing_worker'), startSandbox()]);
    prefix = `oitest-${uniqueSuffix()}`;
    worker = await startWorker(
      loadConfig({
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'silent',
      }),
      { migrate: false },
    );
    dataSource = worker.get(DataSource);
    org = await createTestOrganisation(dataSource);
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

  async function xTarget(scheduledAt: Date) {
    const { channel, account } = await createSandboxChannel(
      dataSource,
      worker.get(ChannelVault),
      sandbox,
      org.organisationId,
      'x',
    );
    const target = await createTestPostTarget(dataSource, { ...org, channelId: channel.id }, { scheduledAt });
    const posts = () => ledgerEntries(sandbox, { network: 'x', accountId: account.accountId, kind: 'post' });
    return { target, posts };
  }

  it('publishes a scheduled target when it is due, once', async () => {
    const { target, posts } = await xTarget(new Date(Date.now() + 1500));
    await dataSource.transaction((manager) => worker.get(PublishScheduler).schedule(manager, target.id));
    expect((await reload(dataSource, target.id)).state).toBe('scheduled');
    expect(await waitForState(dataSource, target.id, 'published', 15_000)).toBe('published');
    const row = await reload(dataSource, target.id);
    expect(row.publishedAt!.getTime()).toBeGreaterThanOrEqual(target.scheduledAt!.getTime());
    expect(await posts()).toHaveLength(1);
  });

  it('after Redis loses every publishing key, the worker reinstalls the reconciler, which recreates the job', async () => {
    const { target, posts } = await xTarget(new Date(Date.now() + 500));
    await dataSource.transaction((manager) => worker.get(PublishScheduler).schedule(manager, target.id));

    // Lose everything the queue had: the delayed job and the reconciler's own schedule.
    const queue = worker.get(JobQueue).queue(QueueName.Publishing);
    const client = (await queue.client) as unknown as Redis;
    const keys = await client.keys(`${prefix}:${QueueName.Publishing}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await client.del(...keys);
    expect(await queue.getDelayedCount()).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await reload(dataSource, target.id)).state).toBe('scheduled');
    expect(await posts()).toHaveLength(0);

    // The running worker notices the reconciler's schedule is gone and installs it again; it runs at once.
    expect(await waitForState(dataSource, target.id, 'published', 30_000)).toBe('published');
    expect(await queue.getJobScheduler(JobName.ReconcilePublishing)).toBeDefined();
    expect(await posts()).toHaveLength(1);
  });
});
