import 'reflect-metadata';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Redis } from 'ioredis';
import { AppConfig, loadConfig } from '@outside-in/common';
import { ALL_QUEUES, JobQueue } from '@outside-in/queue';
import { createApiApp } from '../../apps/api/src/api.bootstrap';
import { createTestDatabase, TestDatabase } from './test-database';
import { TEST_REDIS_URL, uniqueSuffix } from './test-env';

export interface TestApi {
  url: string;
  app: NestExpressApplication;
  config: AppConfig;
  database: TestDatabase;
  stop(): Promise<void>;
}

/** Leaves nothing behind in the shared Redis (bounded, since a test may point at an unreachable Redis). */
async function removeQueueKeys(app: NestExpressApplication, prefix: string): Promise<void> {
  const removal = (async () => {
    const client = (await app.get(JobQueue).queue(ALL_QUEUES[0]).client) as unknown as Redis;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  })();
  await Promise.race([
    removal.catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, 2000).unref()),
  ]);
}

/**
 * The real API on a fresh database cloned from the migrated template, its own queue prefix and a
 * random port, serving the web build from dist/web when it exists.
 */
export async function startApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const database = await createTestDatabase('api');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `oitest-${uniqueSuffix()}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...overrides,
  });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    app,
    config: { ...config, PUBLIC_URL: url },
    database,
    stop: async () => {
      await removeQueueKeys(app, config.QUEUE_PREFIX);
      // BullMQ's close waits for a Redis that may never answer (the unreachable-Redis test): bound it.
      await Promise.race([app.close(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
      await database.drop();
    },
  };
}
