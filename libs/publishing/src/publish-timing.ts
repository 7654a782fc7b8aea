import type { PostTarget } from '@outside-in/database';
import { jobId } from '@outside-in/queue';

export type SchedulableTarget = Pick<
  PostTarget,
  'id' | 'version' | 'state' | 'scheduledAt' | 'notBefore' | 'publishNow'
>;

/** Scheduled, or approved by a person who chose "publish now": the engine's to publish. */
export function isWaitingToPublish(target: Pick<PostTarget, 'state' | 'publishNow'>): boolean {
  return target.state === 'scheduled' || (target.state === 'approved' && target.publishNow);
}

/**
 * When the target may be published: its scheduled time ("publish now": at once), but not before a rate
 * limit's reset or a retry's backoff. Null when it has no time and is not "publish now".
 */
export function dueAt(target: Pick<PostTarget, 'scheduledAt' | 'notBefore' | 'publishNow'>): Date | null {
  const base = target.publishNow ? new Date(0) : target.scheduledAt;
  if (!base) return null;
  return target.notBefore && target.notBefore > base ? target.notBefore : base;
}

/**
 * The publish job's id, from the row alone: the target, its version (a reschedule makes a new job and the old
 * one finds a stale version) and its not-before instant (a deferral makes a new job while the deferring one is
 * still running). The reconciler computes the same id, so recreating a job that exists adds nothing.
 */
export function publishJobId(target: Pick<PostTarget, 'id' | 'version' | 'notBefore'>): string {
  return jobId(
    'publish',
    target.id,
    `v${target.version}`,
    target.notBefore ? `t${target.notBefore.getTime()}` : 'due',
  );
}

export function settleJobId(targetId: string, claimToken: string): string {
  return jobId('settle', targetId, claimToken);
}
