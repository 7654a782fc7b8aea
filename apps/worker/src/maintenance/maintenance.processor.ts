import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, MetricsTime } from 'bullmq';
import { DataSource } from 'typeorm';
import { ChannelRefresher, type RefreshRun } from '@outside-in/channels';
import { APP_CONFIG, AppConfig } from '@outside-in/common';
import { purgeWebhookEvents } from '@outside-in/inbox';
import { JobName, QueueName } from '@outside-in/queue';

/** How long a used, withdrawn or expired invitation is kept for reference before it is deleted. */
const INVITATION_KEEP_DAYS = 90;

@Processor(QueueName.Maintenance, { concurrency: 1, metrics: { maxDataPoints: MetricsTime.ONE_WEEK } })
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly refresher: ChannelRefresher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case JobName.PurgeExpired:
        return this.purgeExpired();
      case JobName.RefreshChannelCredentials:
        return this.refreshCredentials();
      default:
        this.logger.warn(`Unknown job ${job.name} on ${QueueName.Maintenance}; ignored`);
        return undefined;
    }
  }

  private async refreshCredentials(): Promise<RefreshRun> {
    const run = await this.refresher.refreshExpiring();
    if (run.checked) this.logger.log(run, 'Refreshed channel credentials');
    return run;
  }

  /** Idempotent: deleting what has expired twice deletes nothing the second time. */
  private async purgeExpired(): Promise<{
    sessions: number;
    throttles: number;
    invitations: number;
    webhookEvents: number;
    failedWebhookEvents: number;
  }> {
    const sessions = await this.dataSource.query(`DELETE FROM session WHERE expires_at < now()`);
    const throttles = await this.dataSource.query(
      `DELETE FROM sign_in_throttle WHERE last_failure_at < now() - interval '1 day'`,
    );
    const invitations = await this.dataSource.query(
      `DELETE FROM invitation WHERE coalesce(accepted_at, revoked_at, expires_at) < now() - make_interval(days => $1)`,
      [INVITATION_KEEP_DAYS],
    );
    // Raw webhook deliveries: processed ones after WEBHOOK_EVENT_KEEP_DAYS, troubled ones kept longer.
    const webhookEvents = await purgeWebhookEvents(this.dataSource, {
      keepDays: this.config.WEBHOOK_EVENT_KEEP_DAYS,
      failedKeepDays: this.config.WEBHOOK_EVENT_FAILED_KEEP_DAYS,
    });
    const result = {
      sessions: sessions[1] ?? 0,
      throttles: throttles[1] ?? 0,
      invitations: invitations[1] ?? 0,
      webhookEvents: webhookEvents.processed,
      failedWebhookEvents: webhookEvents.failed,
    };
    this.logger.log(result, 'Purged expired records');
    return result;
  }
}
