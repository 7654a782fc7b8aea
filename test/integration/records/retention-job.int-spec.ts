import { INestApplicationContext } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@outside-in/common';
import { ALL_QUEUES, JobName, JobQueue, QueueName, redisOptions } from '@outside-in/queue';
import { startWorker } from '../../../apps/worker/src/start-worker';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';
import { RecordsFixtures } from './records-fixtures';

/** The retention purge as the worker runs it: a repeating job on its own queue. */
describe('worker: retention purge job', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let prefix: string;

  beforeAll(async () => {
    database = await createTestDatabase('records-worker');
    prefix = `oitest-${uniqueSuffix()}`;
    const config = loadConfig({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    worker = await startWorker(config, { migrate: false });
  });
  afterAll(async () => {
    for (const name of ALL_QUEUES) await worker.get(JobQueue).queue(name).obliterate({ force: true });
    await worker.close();
    await database.drop();
  });

  it('is scheduled hourly and purges an organisation past its retention period', async () => {
    await worker.get(JobQueue).scheduleRepeatingJobs();
    const queue = worker.get(JobQueue).queue(QueueName.Records);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([[JobName.PurgeRetention, 3_600_000]]);
    // Let the schedule's first run finish, so the job below is the one that sees the rows.
    await queue.removeJobScheduler(JobName.PurgeRetention);
    await queue.drain(true);
    while ((await queue.getActiveCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));

    const db = worker.get(DataSource);
    const [org] = await db.query(`INSERT INTO organisation (name) VALUES ('Powys Council') RETURNING id`);
    const f = new RecordsFixtures(db, org.id);
    const channel = await f.channel();
    const contact = await f.contact('@old');
    const conversation = await f.conversation(channel, contact, new Date('2020-02-03T10:00:00Z'));
    await f.message(conversation, channel, {
      direction: 'in',
      author: contact,
      body: 'Years ago',
      at: new Date('2020-02-03T10:00:00Z'),
    });
    const kept = await f.message(conversation, channel, {
      direction: 'in',
      author: contact,
      body: 'Just now',
      at: new Date(),
    });
    await f.keepMessagesForMonths(24);

    const events = new QueueEvents(QueueName.Records, { connection: redisOptions(TEST_REDIS_URL), prefix });
    await events.waitUntilReady();
    const job = await queue.add(JobName.PurgeRetention, {});
    const result = await job.waitUntilFinished(events, 15_000);
    await events.close();

    expect(result).toMatchObject({
      organisations: 1,
      results: [{ organisationId: org.id, ran: true, messages: 1, conversations: 0, contacts: 0 }],
    });
    expect(await f.count('message')).toBe(1);
    expect(await f.exists('message', kept)).toBe(true);
    const [event] = await db.query(
      `SELECT actor_label, summary FROM audit_event WHERE organisation_id = $1 AND action = 'records.retention_purged'`,
      [org.id],
    );
    expect(event).toMatchObject({ actor_label: 'system', summary: { messages: 1 } });
  });
});
