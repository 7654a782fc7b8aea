import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundError } from '@outside-in/common';
import { PostTarget } from '@outside-in/database';
import { JobName, JobQueue } from '@outside-in/queue';
import { DataSource, EntityManager } from 'typeorm';
import { AfterCommit } from './after-commit';
import { dueAt, isWaitingToPublish, publishJobId, SchedulableTarget, settleJobId } from './publish-timing';

/**
 * Puts publishing on the queue. BullMQ is only the timer: every job names a target and a version, and the
 * runner re-reads the row; the reconciler recreates any job that is lost.
 */
@Injectable()
export class PublishScheduler {
  private readonly afterCommit: AfterCommit;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {
    this.afterCommit = AfterCommit.install(dataSource);
  }

  /**
   * Call inside the transaction that made the target wait for publishing (scheduled, rescheduled, approved with
   * "publish now"): its delayed job is added once that transaction commits, with the id the row implies.
   */
  async schedule(manager: EntityManager, targetId: string): Promise<void> {
    const target = await manager.getRepository(PostTarget).findOneBy({ id: targetId });
    if (!target) throw new NotFoundError(`No post target has the id ${targetId}.`);
    if (!isWaitingToPublish(target)) return;
    const snapshot: SchedulableTarget = {
      id: target.id,
      version: target.version,
      state: target.state,
      scheduledAt: target.scheduledAt,
      notBefore: target.notBefore,
      publishNow: target.publishNow,
    };
    await this.afterCommit.run(manager, async () => {
      await this.enqueue(snapshot);
    });
  }

  /** Adds the target's publish job (delayed until due); a job with that id already queued is left as it is. */
  async enqueue(target: SchedulableTarget, now: Date = new Date()): Promise<boolean> {
    if (!isWaitingToPublish(target)) return false;
    const at = dueAt(target);
    if (!at) return false;
    await this.jobs.enqueue(
      JobName.PublishTarget,
      { targetId: target.id, version: target.version },
      { jobId: publishJobId(target), delay: Math.max(0, at.getTime() - now.getTime()) },
    );
    return true;
  }

  /** Adds the job that settles an unknown outcome of this claim by reading back. */
  async enqueueSettle(targetId: string, claimToken: string, delayMs: number): Promise<void> {
    await this.jobs.enqueue(
      JobName.SettlePublishing,
      { targetId, claimToken },
      { jobId: settleJobId(targetId, claimToken), delay: Math.max(0, delayMs) },
    );
  }
}
