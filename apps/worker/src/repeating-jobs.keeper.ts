import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JOB_CATALOGUE, JobName, JobQueue } from '@outside-in/queue';

/** How often the worker checks that every repeating job still has its schedule in Redis. */
export const REPEATING_JOBS_CHECK_MS = 10_000;

/**
 * Puts back the schedules of repeating jobs when Redis lost them (flushed, failed over to an empty replica,
 * evicted). Without this, a worker that stays up after a flush would never reconcile publishing again, and
 * due posts would wait for the next restart. Installing is idempotent, so every worker may do it.
 */
@Injectable()
export class RepeatingJobsKeeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RepeatingJobsKeeper.name);
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(private readonly jobs: JobQueue) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check(), REPEATING_JOBS_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** True when a schedule was missing and all were installed again. */
  async check(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      for (const [name, definition] of Object.entries(JOB_CATALOGUE)) {
        if (!definition.everyMs) continue;
        if (await this.jobs.queue(definition.queue).getJobScheduler(name as JobName)) continue;
        this.logger.warn(
          { job: name },
          'A repeating job had lost its schedule (Redis emptied?); installing again',
        );
        await this.jobs.scheduleRepeatingJobs();
        return true;
      }
      return false;
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not check the repeating job schedules; trying again shortly');
      return false;
    } finally {
      this.checking = false;
    }
  }
}
