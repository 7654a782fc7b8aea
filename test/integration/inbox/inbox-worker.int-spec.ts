import { INestApplicationContext } from '@nestjs/common';
import { ChannelVault } from '@outside-in/channels';
import { loadConfig } from '@outside-in/common';
import { JobName, JobQueue, QueueName } from '@outside-in/queue';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startWorker } from '../../../apps/worker/src/start-worker';
import { createSandboxChannel, createTestOrganisation } from '../../support/channel-fixtures';
import { messagesOf } from '../../support/inbox-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';
import { crowdBurst } from '../platforms/support/sandbox-controls';

async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  withinMs: number,
): Promise<T> {
  const until = Date.now() + withinMs;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await probe();
  }
  return value;
}

describe('inbox: the worker polls connected channels on its own', () => {
  let database: TestDatabase;
  let sandbox: TestSandbox;
  let worker: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    [database, sandbox] = await Promise.all([createTestDatabase('inbox_worker'), startSandbox()]);
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
  });
  afterAll(async () => {
    for (const name of [QueueName.Inbox, QueueName.Publishing, QueueName.Maintenance])
      await worker
        ?.get(JobQueue)
        .queue(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    await worker?.close();
    await sandbox?.stop();
    await database?.drop();
  });

  it('schedules the inbox, claims a new channel at once and stores what the crowd sent', async () => {
    const schedulers = await worker.get(JobQueue).queue(QueueName.Inbox).getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual([JobName.ScheduleInbox]);

    const { organisationId } = await createTestOrganisation(dataSource);
    const { channel, account } = await createSandboxChannel(
      dataSource,
      worker.get(ChannelVault),
      sandbox,
      organisationId,
      'x',
    );
    const delivered = await crowdBurst(sandbox, 'x', [account.accountId], 15, `worker-${randomUUID()}`);
    // The scheduler runs every 10 s; a new channel is due at once.
    const messages = await waitFor(
      () => messagesOf(dataSource, channel.id),
      (rows) => rows.length >= delivered,
      30_000,
    );
    expect(messages).toHaveLength(delivered);
    const [poll] = await dataSource.query(`SELECT * FROM inbound_poll WHERE channel_id = $1`, [channel.id]);
    expect(poll.last_polled_at).not.toBeNull();
    expect(new Date(poll.next_poll_at).getTime()).toBeGreaterThan(Date.now());
  });
});
