import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, QueueName } from '@outside-in/queue';
import { RetentionPurger, type PurgeResult } from '@outside-in/records';

/**
 * The records queue: the hourly retention purge. Its own queue so a long purge never delays sessions being
 * cleared or credentials being refreshed on the maintenance queue.
 */
@Processor(QueueName.Records, { concurrency: 1 })
export class RecordsProcessor extends WorkerHost {
  private readonly logger = new Logger(RecordsProcessor.name);

  constructor(private readonly purger: RetentionPurger) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.PurgeRetention:
        return this.purge();
      default:
        this.logger.warn(`Unknown job ${job.name} on ${QueueName.Records}; ignored`);
        return undefined;
    }
  }

  private async purge(): Promise<{ organisations: number; results: PurgeResult[] }> {
    const results = await this.purger.runAll();
    return {
      organisations: results.length,
      results: results.filter((r) => r.messages || r.conversations || r.contacts),
    };
  }
}
