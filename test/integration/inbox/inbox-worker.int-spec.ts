import { INestApplicationContext } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { ChannelVault } from '@outside-in/channels';
import { loadConfig } from '@outside-in/common';
import { ALL_QUEUES, JobName, JobQueue, QueueName } from '@outside-in/queue';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startWorker } from '../../../apps/worker/src/start-worker';
import { startApi, TestApi } from '../../support/api-harness';
import { createSandboxChannel, createTestOrganisation } from '../../support/channel-fixtures';
import { createFacebookChannel, MetaCredentials, messagesOf } from '../../support/inbox-fixtures';
import { SandboxAccountCredentials, startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { TEST_REDIS_URL } from '../../support/test-env';
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

describe('inbox: the worker polls channels and processes what the webhook routes stored', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let page: SandboxAccountCredentials<MetaCredentials>;

  beforeAll(async () => {
    sandbox = await startSandbox();
    page = await sandbox.createAccount<MetaCredentials>('facebook');
    api = await startApi({ META_APP_SECRET: page.credentials.appSecret });
    // The worker shares the API's database and queue prefix, as in production.
    worker = await startWorker(
      loadConfig({
        DATABASE_URL: api.database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: api.config.QUEUE_PREFIX,
        LOG_LEVEL: 'silent',
      }),
      { migrate: false },
    );
    dataSource = worker.get(DataSource);
  });
  afterAll(async () => {
    for (const name of ALL_QUEUES)
      await worker
        ?.get(JobQueue)
        .queue(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    await worker?.close();
    await api?.stop();
    await sandbox?.stop();
  });

  it('schedules the inbox, claims a new channel at once and stores what the crowd sent', async () => {
    const schedulers = await worker.get(JobQueue).queue(QueueName.Inbox).getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(
      [JobName.ReconcileInbox, JobName.ScheduleInbox].sort(),
    );

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
    // The poll records its time just after the transaction that stored the messages commits: wait for it.
    const [poll] = await waitFor(
      () => dataSource.query(`SELECT * FROM inbound_poll WHERE channel_id = $1`, [channel.id]),
      (rows: Array<{ last_polled_at: Date | null; next_poll_at: Date }>) => rows[0]?.last_polled_at != null,
      10_000,
    );
    expect(poll.last_polled_at).not.toBeNull();
    expect(new Date(poll.next_poll_at).getTime()).toBeGreaterThan(Date.now());
  });

  it('processes a signed webhook delivery through the queue: stored by the API, ingested by the worker', async () => {
    const { organisationId } = await createTestOrganisation(dataSource);
    const { channel } = await createFacebookChannel(
      dataSource,
      worker.get(ChannelVault),
      sandbox,
      organisationId,
      page,
    );
    const body = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: page.credentials.pageId,
          time: Date.now(),
          messaging: [
            {
              sender: { id: 'psid-worker-1' },
              recipient: { id: page.credentials.pageId },
              timestamp: Date.now(),
              message: { mid: `m_${randomUUID()}`, text: 'Is the museum free on Sundays?' },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', page.credentials.appSecret).update(body).digest('hex')}`;
    await request(api.url)
      .post('/api/webhooks/meta')
      .set('content-type', 'application/json')
      .set('x-hub-signature-256', signature)
      .send(body)
      .expect(200, { received: true });
    const messages = await waitFor(
      () => messagesOf(dataSource, channel.id),
      (rows) => rows.some((m) => m.body === 'Is the museum free on Sundays?'),
      15_000,
    );
    expect(messages.filter((m) => m.body === 'Is the museum free on Sundays?')).toHaveLength(1);
    const [event] = await dataSource.query(`SELECT processed_at, outcome, error FROM webhook_event`);
    expect(event.processed_at).not.toBeNull();
    expect(event.outcome).toMatchObject({ items: 1, inserted: 1, duplicates: 0, unmatchedAccounts: 0 });
    expect(event.error).toBeNull();
  });
});
