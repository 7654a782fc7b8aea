import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@outside-in/common';
import { prepareDatabase } from '@outside-in/database';
import { JobQueue, QueueModule } from '@outside-in/queue';
import { WorkerModule } from './worker.module';

/** Starts the job processors and (idempotently) the schedules of repeating jobs. */
export async function startWorker(
  config: AppConfig,
  options: { migrate?: boolean } = {},
): Promise<INestApplicationContext> {
  const logger = new Logger('Worker');
  if (options.migrate ?? true) await prepareDatabase(config.DATABASE_URL);
  await QueueModule.warnAboutEviction(config, logger);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  await app.init();
  await app.get(JobQueue).scheduleRepeatingJobs();
  logger.log('Worker is processing jobs');
  return app;
}
