import 'reflect-metadata';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ChannelVault } from '@outside-in/channels';
import { ConfigModule, loadConfig } from '@outside-in/common';
import { DatabaseModule, PostTarget, type PostTargetPart, type PostTargetState } from '@outside-in/database';
import {
  PostTargetScheduling,
  PublishingModule,
  type PublishingOptions,
  PublishReconciler,
  PublishRunner,
  PublishScheduler,
} from '@outside-in/publishing';
import { ALL_QUEUES, JobQueue, QueueModule, QueueName } from '@outside-in/queue';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../support/test-database';
import { TEST_REDIS_URL, uniqueSuffix } from '../../../support/test-env';

/**
 * The publishing engine without a worker: a fresh database, its own queue prefix, and no processor, so a test
 * drives the runner and the reconciler itself and sees the jobs they leave in the queue.
 */
export interface PublishingContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  vault: ChannelVault;
  runner: PublishRunner;
  reconciler: PublishReconciler;
  scheduler: PublishScheduler;
  scheduling: PostTargetScheduling;
  queue: Queue;
  database: TestDatabase;
  prefix: string;
  stop(): Promise<void>;
}

export async function startPublishingContext(
  options: Partial<PublishingOptions> = {},
): Promise<PublishingContext> {
  const database = await createTestDatabase('publishing');
  const prefix = `oitest-${uniqueSuffix()}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
  });

  @Module({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule,
      QueueModule.forRoot(),
      PublishingModule.forRoot(options),
    ],
  })
  class PublishingTestModule {}

  const app = await NestFactory.createApplicationContext(PublishingTestModule, { logger: false });
  await app.init();
  const queue = app.get(JobQueue).queue(QueueName.Publishing);
  return {
    app,
    dataSource: app.get(DataSource),
    vault: app.get(ChannelVault),
    runner: app.get(PublishRunner),
    reconciler: app.get(PublishReconciler),
    scheduler: app.get(PublishScheduler),
    scheduling: app.get(PostTargetScheduling),
    queue,
    database,
    prefix,
    async stop() {
      // Worker processes sharing this prefix install every queue's repeating jobs: leave none behind.
      for (const name of ALL_QUEUES) {
        await app
          .get(JobQueue)
          .queue(name)
          .obliterate({ force: true })
          .catch(() => undefined);
      }
      await app.close();
      await database.drop();
    },
  };
}

export interface TestTargetOverrides {
  text?: string;
  parts?: PostTargetPart[];
  state?: PostTargetState;
  scheduledAt?: Date | null;
  publishNow?: boolean;
}

let posts = 0;

/** A post with one target on the channel, scheduled now unless told otherwise (written straight to the table). */
export async function createTestPostTarget(
  dataSource: DataSource,
  owner: { organisationId: string; userId: string; channelId: string },
  overrides: TestTargetOverrides = {},
): Promise<PostTarget> {
  const [post] = await dataSource.query(
    `INSERT INTO post (organisation_id, author_id, title) VALUES ($1, $2, $3) RETURNING id`,
    [owner.organisationId, owner.userId, `Test post ${++posts}`],
  );
  const parts = overrides.parts ?? [
    { text: overrides.text ?? `Bin collections change on Monday ${uniqueSuffix()}`, mediaIds: [] },
  ];
  const repository = dataSource.getRepository(PostTarget);
  const inserted = await repository.insert({
    postId: post.id,
    organisationId: owner.organisationId,
    channelId: owner.channelId,
    parts,
    state: overrides.state ?? 'scheduled',
    scheduledAt: overrides.scheduledAt === undefined ? new Date() : overrides.scheduledAt,
    publishNow: overrides.publishNow ?? false,
  });
  return repository.findOneByOrFail({ id: inserted.identifiers[0].id as string });
}

/** The target as it is now. */
export function reload(dataSource: DataSource, id: string): Promise<PostTarget> {
  return dataSource.getRepository(PostTarget).findOneByOrFail({ id });
}

/** Publish attempts of a target, oldest first. */
export async function attemptsOf(
  dataSource: DataSource,
  targetId: string,
): Promise<Array<{ outcome: string | null; external_id: string | null; error: string | null }>> {
  return dataSource.query(
    `SELECT outcome, external_id, error FROM publish_attempt WHERE target_id = $1 ORDER BY started_at`,
    [targetId],
  );
}

/** Audit actions about a target, oldest first. */
export async function auditActionsOf(dataSource: DataSource, targetId: string): Promise<string[]> {
  const rows: Array<{ action: string }> = await dataSource.query(
    `SELECT action FROM audit_event WHERE subject_type = 'post_target' AND subject_id = $1 ORDER BY seq`,
    [targetId],
  );
  return rows.map((row) => row.action);
}
