import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@outside-in/common';
import { ALL_QUEUES } from './job-catalogue';
import { JobQueue } from './job-queue.service';
import { checkEvictionPolicy } from './redis-policy';

export function redisOptions(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; they must retry forever rather than fail a command.
    maxRetriesPerRequest: null,
  };
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: redisOptions(config.REDIS_URL),
            prefix: config.QUEUE_PREFIX,
          }),
        }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      providers: [JobQueue],
      exports: [JobQueue, BullModule],
    };
  }

  /** Logs a warning when Redis may evict BullMQ's keys. */
  static async warnAboutEviction(config: AppConfig, logger: Pick<Logger, 'warn'>): Promise<void> {
    const redis = new Redis({ ...redisOptions(config.REDIS_URL), lazyConnect: true });
    try {
      await redis.connect();
      const warning = await checkEvictionPolicy(redis);
      if (warning) logger.warn(warning);
    } finally {
      redis.disconnect();
    }
  }
}
