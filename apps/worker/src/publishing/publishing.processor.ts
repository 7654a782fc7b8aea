import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, MetricsTime } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@outside-in/common';
import { JobName, JobPayloads, QueueName } from '@outside-in/queue';
import { PublishReconciler, PublishRunner } from '@outside-in/publishing';

/**
 * The publishing queue. PUBLISH_CONCURRENCY jobs at once per worker process (default 16): publish jobs spend their
 * time waiting on networks and the database, and a rate-limited or slow channel defers its own jobs rather than
 * holding a slot, so others are not slowed.
 * Locks of 15 s (renewed every 7.5 s while a job runs) and a stalled check as often: a job held by a worker that
 * died comes back within about 30 s, where the reconciler cannot help (the job's id still exists).
 */
@Processor(QueueName.Publishing, {
  concurrency: 8,
  lockDuration: 15_000,
  stalledInterval: 15_000,
  metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
})
export class PublishingProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(PublishingProcessor.name);

  constructor(
    private readonly runner: PublishRunner,
    private readonly reconciler: PublishReconciler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** The decorator's options are fixed at import; the configured concurrency is set once the worker exists. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.PUBLISH_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.PublishTarget: {
        const { targetId, version } = job.data as JobPayloads[JobName.PublishTarget];
        const outcome = await this.runner.run(targetId, version);
        this.logger.log({ jobId: job.id, postTargetId: targetId, outcome: outcome.kind }, 'Publish job done');
        return outcome;
      }
      case JobName.SettlePublishing: {
        const { targetId, claimToken } = job.data as JobPayloads[JobName.SettlePublishing];
        const outcome = await this.runner.settle(targetId, claimToken);
        this.logger.log({ jobId: job.id, postTargetId: targetId, outcome: outcome.kind }, 'Settle job done');
        return outcome;
      }
      case JobName.ReconcilePublishing:
        return this.reconciler.reconcile();
      default:
        this.logger.warn(`Unknown job ${job.name} on ${QueueName.Publishing}; ignored`);
        return undefined;
    }
  }
}
