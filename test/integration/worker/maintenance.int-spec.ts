import { INestApplicationContext } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { loadConfig } from '@outside-in/common';
import { JobName, JobQueue, QueueName, redisOptions } from '@outside-in/queue';
import { startWorker } from '../../../apps/worker/src/start-worker';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL, uniqueSuffix } from '../../support/test-env';

describe('worker: maintenance jobs', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let prefix: string;

  beforeAll(async () => {
    database = await createTestDatabase('worker');
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
    const queue = worker.get(JobQueue).queue(QueueName.Maintenance);
    await queue.obliterate({ force: true });
    await worker.close();
    await database.drop();
  });

  it('installs the repeating maintenance schedules once, however many workers start', async () => {
    await worker.get(JobQueue).scheduleRepeatingJobs();
    await worker.get(JobQueue).scheduleRepeatingJobs();
    const schedulers = await worker.get(JobQueue).queue(QueueName.Maintenance).getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(
      [JobName.PurgeExpired, JobName.RefreshChannelCredentials].sort(),
    );
  });

  it('purges expired sessions and old throttles, and leaves live ones', async () => {
    // The schedule installed above runs at once; take it away and let its run finish, so the
    // job below is the only one that sees the rows this test writes.
    const scheduled = worker.get(JobQueue).queue(QueueName.Maintenance);
    await scheduled.removeJobScheduler(JobName.PurgeExpired);
    await scheduled.removeJobScheduler(JobName.RefreshChannelCredentials);
    await scheduled.drain(true);
    while ((await scheduled.getActiveCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    const db = worker.get(DataSource);
    const [user] = await db.query(
      `INSERT INTO app_user (email, name, password_hash) VALUES ('w@example.gov.uk', 'W', 'x') RETURNING id`,
    );
    await db.query(
      `INSERT INTO session (token_hash, user_id, csrf_token, expires_at) VALUES
        (repeat('a', 64), $1, 'c', now() - interval '1 minute'), (repeat('b', 64), $1, 'c', now() + interval '1 hour')`,
      [user.id],
    );
    await db.query(
      `INSERT INTO sign_in_throttle (email, failures, last_failure_at) VALUES ('old@x.gov.uk', 4, now() - interval '2 days')`,
    );
    // Webhook deliveries: processed cleanly ones go after 30 days, troubled ones are kept 180 days.
    await db.query(
      `INSERT INTO webhook_event (source, headers, raw_body, received_at, processed_at, error) VALUES
        ('meta', '{}', 'processed-old', now() - interval '40 days', now() - interval '40 days', NULL),
        ('meta', '{}', 'processed-recent', now() - interval '2 days', now() - interval '2 days', NULL),
        ('meta', '{}', 'failed-40-days', now() - interval '40 days', NULL, 'Postgres went away'),
        ('meta', '{}', 'unreadable-40-days', now() - interval '40 days', now() - interval '40 days', 'not JSON'),
        ('x', '{}', 'failed-200-days', now() - interval '200 days', NULL, 'Postgres went away'),
        ('x', '{}', 'unreadable-200-days', now() - interval '200 days', now() - interval '200 days', 'not JSON')`,
    );

    const events = new QueueEvents(QueueName.Maintenance, {
      connection: redisOptions(TEST_REDIS_URL),
      prefix,
    });
    await events.waitUntilReady();
    const queue = worker.get(JobQueue).queue(QueueName.Maintenance);
    const job = await queue.add(JobName.PurgeExpired, {});
    const result = await job.waitUntilFinished(events, 15_000);
    await events.close();

    expect(result).toEqual({
      sessions: 1,
      throttles: 1,
      invitations: 0,
      webhookEvents: 1,
      failedWebhookEvents: 2,
    });
    const sessions = await db.query(`SELECT token_hash FROM session`);
    expect(sessions.map((s: { token_hash: string }) => s.token_hash)).toEqual(['b'.repeat(64)]);
    const kept = await db.query(`SELECT raw_body FROM webhook_event ORDER BY raw_body`);
    expect(kept.map((e: { raw_body: string }) => e.raw_body)).toEqual([
      'failed-40-days',
      'processed-recent',
      'unreadable-40-days',
    ]);
  });
});
