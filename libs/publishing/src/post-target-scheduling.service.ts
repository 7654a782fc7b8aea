import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError } from '@outside-in/common';
import { PostTarget, type AuditActor, type PostTargetState } from '@outside-in/database';
import { EntityManager } from 'typeorm';
import { CANCELLABLE_STATES, PostTargetRepository, RESCHEDULABLE_STATES } from './post-target.repository';
import { PublishScheduler } from './publish-scheduler.service';

export interface TargetChange {
  targetId: string;
  actor: AuditActor;
  /** The version the person saw; a change made meanwhile by someone else is refused rather than overwritten. */
  expectedVersion?: number;
}

/** How far in the past a new time may be (a form submitted a few seconds late), before it is refused. */
const PAST_TOLERANCE_MS = 60_000;

/**
 * What people do to a target's schedule: cancel, move, publish now. Each is one conditional UPDATE on state (and
 * version) that bumps the version, in the caller's transaction with its audit event, so it is safe against a
 * worker publishing at that moment: either the person's change lands first and the worker's job finds a stale
 * version, or the worker's claim lands first and the person is told it is being published.
 */
@Injectable()
export class PostTargetScheduling {
  constructor(
    private readonly targets: PostTargetRepository,
    private readonly scheduler: PublishScheduler,
  ) {}

  async cancel(manager: EntityManager, change: TargetChange): Promise<PostTarget> {
    const rows = await this.update(
      manager,
      change,
      `state = 'cancelled', version = version + 1, not_before = NULL`,
      CANCELLABLE_STATES,
      [],
    );
    if (!rows) {
      const current = await this.refusal(manager, change, 'cancelled');
      if (current.state === 'cancelled') return current;
      throw new ConflictError(`It is ${current.state.replace('_', ' ')} and cannot be cancelled.`);
    }
    await this.targets.record(
      manager,
      rows.after,
      'post_target.cancelled',
      { from: rows.from, to: 'cancelled' },
      change.actor,
    );
    return rows.after;
  }

  /** Moves the target to a new instant and (re)schedules it; a failed or missed target is scheduled again. */
  async reschedule(
    manager: EntityManager,
    change: TargetChange & { scheduledAt: Date },
    now: Date = new Date(),
  ): Promise<PostTarget> {
    if (
      Number.isNaN(change.scheduledAt.getTime()) ||
      change.scheduledAt.getTime() < now.getTime() - PAST_TOLERANCE_MS
    ) {
      throw new InvalidInputError('Choose a time in the future, or publish it now.', [
        { field: 'scheduledAt', problem: 'is in the past' },
      ]);
    }
    const rows = await this.update(
      manager,
      change,
      `state = 'scheduled', scheduled_at = $3, publish_now = false, version = version + 1, not_before = NULL,
       attempt_count = 0, last_error = NULL`,
      RESCHEDULABLE_STATES,
      [change.scheduledAt],
    );
    if (!rows) {
      const current = await this.refusal(manager, change, 'rescheduled');
      throw new ConflictError(
        `It is ${current.state.replace('_', ' ')}: only approved, scheduled, failed or missed posts can be rescheduled.`,
      );
    }
    await this.targets.record(
      manager,
      rows.after,
      'post_target.rescheduled',
      { from: rows.from, to: 'scheduled', scheduledAt: change.scheduledAt.toISOString() },
      change.actor,
    );
    await this.scheduler.schedule(manager, change.targetId);
    return rows.after;
  }

  /** "Publish now" (also the retry of a failed or missed target): due at once, never `missed`. */
  async publishNow(
    manager: EntityManager,
    change: TargetChange,
    now: Date = new Date(),
  ): Promise<PostTarget> {
    const rows = await this.update(
      manager,
      change,
      `state = 'scheduled', scheduled_at = $3, publish_now = true, version = version + 1, not_before = NULL,
       attempt_count = 0, last_error = NULL`,
      RESCHEDULABLE_STATES,
      [now],
    );
    if (!rows) {
      const current = await this.refusal(manager, change, 'published now');
      throw new ConflictError(
        `It is ${current.state.replace('_', ' ')}: only approved, scheduled, failed or missed posts can be published now.`,
      );
    }
    await this.targets.record(
      manager,
      rows.after,
      'post_target.publish_now',
      { from: rows.from, to: 'scheduled' },
      change.actor,
    );
    await this.scheduler.schedule(manager, change.targetId);
    return rows.after;
  }

  /** The conditional UPDATE; null when the target was not in one of `from` (or not at the expected version). */
  private async update(
    manager: EntityManager,
    change: TargetChange,
    set: string,
    from: PostTargetState[],
    extra: unknown[],
  ): Promise<{ from: PostTargetState; after: PostTarget } | null> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Schedule changes must run inside the transaction that records them');
    }
    // Lock the row first: a worker's claim waits for this transaction, or this waits for the claim and then
    // sees `publishing`. Either way exactly one of them changes the target.
    const [locked]: Array<{ state: PostTargetState; version: number }> = await manager.query(
      `SELECT state, version FROM post_target WHERE id = $1 FOR UPDATE`,
      [change.targetId],
    );
    if (!locked || !from.includes(locked.state)) return null;
    if (change.expectedVersion !== undefined && locked.version !== change.expectedVersion) return null;
    // A person's change clears why a bilingual half was held; the pair gate says it again if it still holds.
    await manager.query(
      `UPDATE post_target SET ${set}, held_reason = NULL, updated_at = now() WHERE id = $1 AND version = $2`,
      [change.targetId, locked.version, ...extra],
    );
    const row = { id: change.targetId, old_state: locked.state };
    const after = await manager.getRepository(PostTarget).findOneByOrFail({ id: row.id });
    return { from: row.old_state, after };
  }

  /** Explains why a change did not apply; throws when the explanation is an error of its own. */
  private async refusal(manager: EntityManager, change: TargetChange, what: string): Promise<PostTarget> {
    const current = await manager.getRepository(PostTarget).findOneBy({ id: change.targetId });
    if (!current) throw new NotFoundError(`No post target has the id ${change.targetId}.`);
    if (current.state === 'publishing') {
      throw new ConflictError(
        `It is being published right now, so it cannot be ${what}. Once it is out you can delete it on the network.`,
      );
    }
    if (change.expectedVersion !== undefined && current.version !== change.expectedVersion) {
      throw new ConflictError('Someone changed this post meanwhile: reload it and try again.');
    }
    return current;
  }
}
