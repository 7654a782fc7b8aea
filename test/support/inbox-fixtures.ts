import 'reflect-metadata';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { channelBinding, ChannelVault } from '@outside-in/channels';
import { ConfigModule, loadConfig } from '@outside-in/common';
import { Channel, DatabaseModule } from '@outside-in/database';
import {
  ChannelPoller,
  InboxIngestor,
  InboxModule,
  InboxScheduler,
  WebhookEventProcessor,
} from '@outside-in/inbox';
import { JobQueue, QueueModule, QueueName } from '@outside-in/queue';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SandboxAccountCredentials, TestSandbox } from './sandbox-harness';
import { createTestDatabase, TestDatabase } from './test-database';
import { TEST_REDIS_URL, uniqueSuffix } from './test-env';

/** The inbox services without a worker: a test drives polls and webhook processing itself. */
export interface InboxContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  vault: ChannelVault;
  ingestor: InboxIngestor;
  poller: ChannelPoller;
  scheduler: InboxScheduler;
  webhookEvents: WebhookEventProcessor;
  jobs: JobQueue;
  stop(): Promise<void>;
}

/**
 * Starts the inbox services on a fresh database, or on `databaseUrl` (an API's, to process what its webhook
 * routes stored), with their own queue prefix.
 */
export async function startInboxContext(options: { databaseUrl?: string } = {}): Promise<InboxContext> {
  const database: TestDatabase | null = options.databaseUrl ? null : await createTestDatabase('inbox');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl ?? database!.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `oitest-${uniqueSuffix()}`,
    LOG_LEVEL: 'silent',
  });

  @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, QueueModule.forRoot(), InboxModule] })
  class InboxTestModule {}

  const app = await NestFactory.createApplicationContext(InboxTestModule, { logger: false });
  await app.init();
  const jobs = app.get(JobQueue);
  return {
    app,
    dataSource: app.get(DataSource),
    vault: app.get(ChannelVault),
    ingestor: app.get(InboxIngestor),
    poller: app.get(ChannelPoller),
    scheduler: app.get(InboxScheduler),
    webhookEvents: app.get(WebhookEventProcessor),
    jobs,
    async stop() {
      await jobs
        .queue(QueueName.Inbox)
        .obliterate({ force: true })
        .catch(() => undefined);
      await app.close();
      await database?.drop();
    },
  };
}

/** A connected channel row for an account made beforehand, credentials sealed as the connect flow does. */
export async function insertChannel(
  dataSource: DataSource,
  vault: ChannelVault,
  row: {
    organisationId: string;
    network: string;
    externalAccountId: string;
    handle: string;
    baseUrl: string;
    credentials: Record<string, string>;
  },
): Promise<Channel> {
  const id = randomUUID();
  const sealed = vault.seal(row.credentials, channelBinding(id));
  const repository = dataSource.getRepository(Channel);
  await repository.insert({
    id,
    organisationId: row.organisationId,
    network: row.network,
    practice: true,
    externalAccountId: row.externalAccountId,
    handle: row.handle,
    displayName: row.handle,
    baseUrl: row.baseUrl,
    credentialsKeyId: sealed.keyId,
    credentialsSealed: sealed.sealed,
    status: 'connected',
    connectedAt: new Date(),
  });
  return repository.findOneByOrFail({ id });
}

export interface MetaCredentials {
  appId: string;
  appSecret: string;
  pageId: string;
  pageAccessToken: string;
}

/** A connected Facebook page channel for a sandbox page. */
export async function createFacebookChannel(
  dataSource: DataSource,
  vault: ChannelVault,
  sandbox: TestSandbox,
  organisationId: string,
  account?: SandboxAccountCredentials<MetaCredentials>,
): Promise<{ channel: Channel; account: SandboxAccountCredentials<MetaCredentials> }> {
  const page = account ?? (await sandbox.createAccount<MetaCredentials>('facebook'));
  const channel = await insertChannel(dataSource, vault, {
    organisationId,
    network: 'facebook',
    externalAccountId: page.credentials.pageId,
    handle: page.handle,
    baseUrl: `${sandbox.url}/meta`,
    credentials: { pageAccessToken: page.credentials.pageAccessToken },
  });
  return { channel, account: page };
}

export interface MessageRow {
  id: string;
  external_id: string;
  direction: 'in' | 'out';
  conversation_id: string;
  author_contact_id: string | null;
  body: string;
}

export async function messagesOf(dataSource: DataSource, channelId: string): Promise<MessageRow[]> {
  return dataSource.query(
    `SELECT id, external_id, direction, conversation_id, author_contact_id, body
       FROM message WHERE channel_id = $1 ORDER BY created_at, external_id`,
    [channelId],
  );
}
