import { Inject, Injectable, Logger } from '@nestjs/common';
import { PostTargetRepository } from './post-target.repository';
import { PublishScheduler } from './publish-scheduler.service';
import { PUBLISHING_OPTIONS, PublishingOptions } from './publishing-options';

export interface ReconcileReport {
  /** Targets found too long past due, now `missed`. */
  missed: number;
  /** Due targets whose publish job was (re)added; one that already existed counts too and adds nothing. */
  enqueued: number;
  /** Targets in `publishing` sent to be settled by read-back. */
  settling: number;
}

/** Rows looked at per run; a backlog bigger than this is worked through over consecutive runs. */
const DUE_BATCH = 1000;
const SETTLE_BATCH = 200;

/**
 * Runs every 30 seconds and makes Postgres and the queue agree again after anything went wrong (Redis flushed,
 * a worker killed, a job lost): every due target gets its job (same id as the lost one, so a job that still
 * exists is not doubled), every claim that is stuck or ended with an unknown outcome is settled by reading back,
 * and targets far past due that were never tried become `missed`.
 */
@Injectable()
export class PublishReconciler {
  private readonly logger = new Logger(PublishReconciler.name);

  constructor(
    private readonly targets: PostTargetRepository,
    private readonly scheduler: PublishScheduler,
    @Inject(PUBLISHING_OPTIONS) private readonly options: PublishingOptions,
  ) {}

  async reconcile(now: Date = new Date()): Promise<ReconcileReport> {
    const missed = await this.targets.markMissed(now, this.options.missedAfterMs);
    const due = await this.targets.dueTargets(now, DUE_BATCH);
    for (const target of due) await this.scheduler.enqueue(target, now);
    const unsettled = await this.targets.unsettledTargets(
      now,
      this.options.stuckAfterMs,
      this.options.settleDelayMs,
      SETTLE_BATCH,
    );
    for (const { id, claimToken } of unsettled) await this.scheduler.enqueueSettle(id, claimToken, 0);
    const report = { missed: missed.length, enqueued: due.length, settling: unsettled.length };
    if (report.missed || report.settling) this.logger.warn(report, 'Reconciled publishing');
    return report;
  }
}
