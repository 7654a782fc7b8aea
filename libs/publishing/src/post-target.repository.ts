import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  auditAppendCtes,
  AuditService,
  Channel,
  MediaAsset,
  PostTarget,
  PublishAttempt,
  SYSTEM_ACTOR,
  type AuditActor,
  type PostTargetState,
  type PublishAttemptOutcome,
  type PublishedTargetPart,
  findByIdPrepared,
  preparedQuery,
  returnedRows,
  SqlInteger,
} from '@outside-in/database';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';

/** What a successful publication (or a read-back that found it) left on the network. */
export interface PublishedOutcome {
  externalId: string;
  url: string;
  parts: PublishedTargetPart[];
}

/** A pause of publishing in force (`publishing_pause`): organisation-wide when `channelId` is null. */
export interface PauseInForce {
  reason: string;
  channelId: string | null;
}

/** A claim the engine holds: the target is `publishing` under this token. */
export interface Claim {
  token: string;
  /** Claims of this version so far, this one included. */
  attempt: number;
}

/** The states a person's cancel reaches from. `publishing` and after are out of reach on purpose. */
export const CANCELLABLE_STATES: PostTargetState[] = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'failed',
  'missed',
];

/** The states a reschedule (or "publish now") moves to `scheduled` from. */
export const RESCHEDULABLE_STATES: PostTargetState[] = ['approved', 'scheduled', 'failed', 'missed'];

/**
 * Every write the publishing engine makes to post targets and their attempts. Each state change is one
 * conditional UPDATE (on state, version or claim token) in a transaction with its audit event, so two workers,
 * a person and the reconciler can race on one target and exactly one of them changes it.
 */
@Injectable()
export class PostTargetRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The target; outside a transaction as a prepared statement (every job reads it first). */
  find(id: string, manager?: EntityManager): Promise<PostTarget | null> {
    if (!manager) return findByIdPrepared(this.dataSource, PostTarget, id);
    return manager.getRepository(PostTarget).findOneBy({ id });
  }

  /** The media of a part, in its order, with their bytes; throws naming what is missing. */
  async media(organisationId: string, ids: string[]): Promise<MediaAsset[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource
      .getRepository(MediaAsset)
      .createQueryBuilder('m')
      .addSelect('m.data')
      .where({ id: In(ids), organisationId })
      .getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const asset = byId.get(id);
      if (!asset) throw new MissingMedia(id);
      return asset;
    });
  }

  /** Which of these external ids other targets of the channel already hold: a read-back must not claim them. */
  async externalIdsHeldByOthers(
    channelId: string,
    targetId: string,
    externalIds: string[],
  ): Promise<Set<string>> {
    if (!externalIds.length) return new Set();
    const rows: Array<{ external_id: string }> = await this.dataSource.query(
      `SELECT external_id FROM post_target
        WHERE channel_id = $1 AND id <> $2 AND external_id = ANY($3::text[])`,
      [channelId, targetId, externalIds],
    );
    return new Set(rows.map((row) => row.external_id));
  }

  /** When the first attempt of this version started (read-back looks no further back, less the skew). */
  async firstAttemptStartedAt(targetId: string, version: number): Promise<Date | null> {
    const [row]: Array<{ started_at: Date | null }> = await this.dataSource.query(
      `SELECT min(started_at) AS started_at FROM publish_attempt WHERE target_id = $1 AND target_version = $2`,
      [targetId, version],
    );
    return row?.started_at ?? null;
  }

  /** True when this version's latest attempt may have reached the network without our knowing. */
  async lastAttemptUnsettled(targetId: string, version: number): Promise<boolean> {
    const [row]: Array<{ outcome: string | null }> = await this.dataSource.query(
      `SELECT outcome FROM publish_attempt WHERE target_id = $1 AND target_version = $2
       ORDER BY started_at DESC LIMIT 1`,
      [targetId, version],
    );
    return !!row && (row.outcome === null || row.outcome === 'unknown');
  }

  /**
   * What may keep a due target from being claimed now, read in one statement (every post asks): the pause in force
   * for its organisation or channel (the organisation-wide one first), and whether its channel is busy.
   *
   * Busy: another of the channel's targets may be on the network without our knowing (`unsettled`: its attempt
   * ended with an unknown outcome, or its claim has not been renewed for `stuckAfterMs` because its worker died),
   * or `maxInFlight` of its targets are already being published (`full`). The cap keeps one channel's backlog from
   * taking every worker slot and keeps the read-back that settles an unknown outcome short; that read-back no
   * longer depends on it (it pages back to the first attempt: a burst released at one moment, such as every post
   * of a channel waiting for the same rate-limit reset, can pass a check made before the claim by as many as are
   * checking at once, and once sent 48 posts beside one whose outcome was unknown).
   */
  async gate(
    target: Pick<PostTarget, 'id' | 'organisationId' | 'channelId'>,
    now: Date,
    stuckAfterMs: number,
    maxInFlight: number,
  ): Promise<{ pause: PauseInForce | null; busy: 'unsettled' | 'full' | null }> {
    const [row] = await preparedQuery<{
      pause_reason: string | null;
      pause_channel_id: string | null;
      unsettled: boolean | null;
      in_flight: number;
    }>(
      this.dataSource,
      `SELECT p.reason AS pause_reason, p.channel_id AS pause_channel_id, b.unsettled, b.in_flight
         FROM (SELECT bool_or(t.claimed_at < $3 OR EXISTS (
                        SELECT 1 FROM publish_attempt a
                         WHERE a.claim_token = t.claim_token AND a.outcome = 'unknown')) AS unsettled,
                      count(*)::int AS in_flight
                 FROM post_target t
                WHERE t.state = 'publishing' AND t.channel_id = $1 AND t.id <> $2) b
         LEFT JOIN LATERAL (
               SELECT reason, channel_id FROM publishing_pause
                WHERE organisation_id = $4 AND resumed_at IS NULL AND (channel_id IS NULL OR channel_id = $1)
                ORDER BY channel_id NULLS FIRST LIMIT 1) p ON true`,
      [target.channelId, target.id, new Date(now.getTime() - stuckAfterMs), target.organisationId],
    );
    const pause =
      row.pause_reason === null ? null : { reason: row.pause_reason, channelId: row.pause_channel_id };
    const busy = row.unsettled ? 'unsettled' : row.in_flight >= maxInFlight ? 'full' : null;
    return { pause, busy };
  }

  /** Moves a waiting target to `publishing` under a new token, if it is still waiting at this version. */
  async claim(target: PostTarget, fingerprint: string): Promise<Claim | null> {
    const token = randomUUID();
    // One statement, so one round trip and the organisation's audit row locked only while it runs: the claim,
    // its attempt row and its audit event, or nothing if another worker or a person changed the row first.
    const audit = this.auditCtes('claimed', target, 'post_target.publishing', 6, {
      from: target.state,
      to: 'publishing',
      attempt: new SqlInteger('s.attempt_count'),
    });
    const [row] = await preparedQuery<{ attempt_count: number }>(
      this.dataSource,
      `WITH claimed AS (
         UPDATE post_target
            SET state = 'publishing', claim_token = $3, claimed_at = now(), attempt_count = attempt_count + 1,
                not_before = NULL, updated_at = now()
          WHERE id = $1 AND version = $2 AND (state = 'scheduled' OR (state = 'approved' AND publish_now))
      RETURNING id, version, attempt_count, organisation_id),
       attempt AS (
         INSERT INTO publish_attempt (target_id, target_version, claim_token, started_at, fingerprint)
         SELECT id, version, $3, $4, $5 FROM claimed),${audit.sql}
       SELECT attempt_count FROM claimed`,
      [target.id, target.version, token, new Date(), fingerprint, ...audit.params],
    );
    return row ? { token, attempt: row.attempt_count } : null;
  }

  /**
   * Takes over a target left in `publishing` (an unknown outcome, or a worker that died) under a new token, if
   * the old claim is still the current one.
   */
  async reclaim(target: PostTarget, oldToken: string, fingerprint: string): Promise<Claim | null> {
    const token = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const [row] = returnedRows<{ attempt_count: number }>(
        await manager.query(
          `UPDATE post_target
              SET claim_token = $3, claimed_at = now(), attempt_count = attempt_count + 1, updated_at = now()
            WHERE id = $1 AND state = 'publishing' AND claim_token = $2
        RETURNING attempt_count`,
          [target.id, oldToken, token],
        ),
      );
      if (!row) return null;
      // The old attempt is over whatever happened to it; the new one settles it.
      await manager.query(
        `UPDATE publish_attempt SET outcome = 'unknown', finished_at = coalesce(finished_at, now())
          WHERE claim_token = $1 AND outcome IS NULL`,
        [oldToken],
      );
      await this.startAttempt(manager, target, token, fingerprint);
      await this.record(manager, target, 'post_target.settling', { attempt: row.attempt_count });
      return { token, attempt: row.attempt_count };
    });
  }

  /**
   * Records the publication. Conditional on `publishing` but not on the token: whoever holds the claim now, the
   * post is on the network and the row must say so.
   */
  async markPublished(
    target: PostTarget,
    token: string,
    published: PublishedOutcome,
    outcome: Extract<PublishAttemptOutcome, 'published' | 'settled_by_read_back'>,
  ): Promise<boolean> {
    // One statement: the row, the attempt (which keeps the external id even if the row moved on) and the audit
    // event (only if the row changed).
    const audit = this.auditCtes('published', target, 'post_target.published', 8, {
      from: 'publishing',
      to: 'published',
      externalId: published.externalId,
      url: published.url,
      settledByReadBack: outcome === 'settled_by_read_back',
    });
    const rows = await preparedQuery<{ id: string }>(
      this.dataSource,
      `WITH published AS (
         UPDATE post_target
            SET state = 'published', external_id = $2, external_url = $3, published_parts = $4::jsonb,
                published_at = now(), claim_token = NULL, last_error = NULL, not_before = NULL, updated_at = now()
          WHERE id = $1 AND state = 'publishing'
      RETURNING id, organisation_id),
       attempt AS (
         UPDATE publish_attempt SET outcome = $6, external_id = $2, error = NULL, finished_at = $7
          WHERE claim_token = $5),${audit.sql}
       SELECT id FROM published`,
      [
        target.id,
        published.externalId,
        published.url,
        JSON.stringify(published.parts),
        token,
        outcome,
        new Date(),
        ...audit.params,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Remembers that the channel has no calls left until `resetAt` (the network's headers said so on a call that
   * succeeded), so its next target waits for the reset instead of spending a call on a certain 429.
   */
  async rememberExhaustedRateLimit(channelId: string, limit: number, resetAt: Date): Promise<void> {
    await this.dataSource
      .getRepository(Channel)
      .update(
        { id: channelId },
        { rateLimit: { resetAt: resetAt.toISOString(), remaining: 0, limit, scope: null } },
      );
  }

  /** Renews a claim whose call is still in flight (see PublishingOptions.heartbeatMs). */
  async renewClaim(targetId: string, token: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE post_target SET claimed_at = now() WHERE id = $1 AND state = 'publishing' AND claim_token = $2`,
      [targetId, token],
    );
  }

  /**
   * Records the parts of a thread known to be on the network while the claim is held: they are out whatever
   * happens next, so a later attempt carries on after them and never sends them again.
   */
  async recordProgress(target: PostTarget, token: string, parts: PublishedTargetPart[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE post_target SET published_parts = $3::jsonb, external_id = $4, external_url = $5, updated_at = now()
        WHERE id = $1 AND state = 'publishing' AND claim_token = $2`,
      [target.id, token, JSON.stringify(parts), parts[0].externalId, parts[0].url],
    );
  }

  /**
   * Gives the claim back: `scheduled` again, not before `notBefore`. A rate-limited claim is not counted against
   * the attempts (nothing was tried).
   */
  async backToScheduled(
    target: PostTarget,
    token: string,
    notBefore: Date,
    outcome: Extract<PublishAttemptOutcome, 'retry' | 'rate_limited'>,
    error: string,
  ): Promise<PostTarget | null> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = returnedRows<{ version: number }>(
        await manager.query(
          `UPDATE post_target
              SET state = 'scheduled', claim_token = NULL, not_before = $3, last_error = $4,
                  attempt_count = attempt_count - CASE WHEN $5::boolean THEN 1 ELSE 0 END, updated_at = now()
            WHERE id = $1 AND state = 'publishing' AND claim_token = $2
        RETURNING version`,
          [target.id, token, notBefore, error, outcome === 'rate_limited'],
        ),
      );
      await this.finishAttempt(manager, token, outcome, null, error);
      if (!row) return null;
      await this.record(
        manager,
        target,
        `post_target.${outcome === 'retry' ? 'retry_scheduled' : 'rate_limited'}`,
        {
          from: 'publishing',
          to: 'scheduled',
          notBefore: notBefore.toISOString(),
          error,
        },
      );
      return manager.getRepository(PostTarget).findOneBy({ id: target.id });
    });
  }

  /** `failed` with a message for people; the claim ends. */
  async markFailed(target: PostTarget, token: string, message: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ id: string }>(
        await manager.query(
          `UPDATE post_target SET state = 'failed', claim_token = NULL, last_error = $3, updated_at = now()
            WHERE id = $1 AND state = 'publishing' AND claim_token = $2
        RETURNING id`,
          [target.id, token, message],
        ),
      );
      await this.finishAttempt(manager, token, 'failed', null, message);
      if (!rows.length) return false;
      await this.record(manager, target, 'post_target.failed', {
        from: 'publishing',
        to: 'failed',
        error: message,
      });
      return true;
    });
  }

  /** The call may or may not have published: the target stays `publishing` under its claim until settled. */
  async markOutcomeUnknown(target: PostTarget, token: string, error: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE post_target SET last_error = $3, updated_at = now()
          WHERE id = $1 AND state = 'publishing' AND claim_token = $2`,
        [target.id, token, error],
      );
      await this.finishAttempt(manager, token, 'unknown', null, error);
      await this.record(manager, target, 'post_target.outcome_unknown', { error });
    });
  }

  /** Fails a target that is still waiting (its channel cannot be used) without claiming it. */
  async failWaiting(target: PostTarget, message: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ id: string }>(
        await manager.query(
          `UPDATE post_target SET state = 'failed', last_error = $3, updated_at = now()
            WHERE id = $1 AND version = $2 AND (state = 'scheduled' OR (state = 'approved' AND publish_now))
        RETURNING id`,
          [target.id, target.version, message],
        ),
      );
      if (!rows.length) return false;
      await this.record(manager, target, 'post_target.failed', {
        from: target.state,
        to: 'failed',
        error: message,
      });
      return true;
    });
  }

  /** Sets a waiting target's not-before (a known rate limit, a hold); returns the row as it is now. */
  async deferWaiting(target: PostTarget, notBefore: Date): Promise<PostTarget | null> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE post_target SET not_before = $3, updated_at = now()
          WHERE id = $1 AND version = $2 AND (state = 'scheduled' OR (state = 'approved' AND publish_now))
      RETURNING id`,
        [target.id, target.version, notBefore],
      ),
    );
    return rows.length ? this.find(target.id) : null;
  }

  /**
   * `missed`: due more than `missedAfterMs` ago and never tried (no claim of this version, no deferral), and no
   * person chose "publish now". A target the engine deferred or retried was on time and is not missed.
   */
  async markMissed(now: Date, missedAfterMs: number, targetId?: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{
        id: string;
        organisation_id: string;
        channel_id: string;
        scheduled_at: Date;
      }>(
        await manager.query(
          `UPDATE post_target
              SET state = 'missed', updated_at = now(),
                  last_error = 'It was due at ' || to_char(scheduled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') ||
                    ' UTC but publishing was not running then, so it was not sent late. Reschedule it or publish it now.'
            WHERE id IN (
              SELECT id FROM post_target
               WHERE state = 'scheduled' AND NOT publish_now AND attempt_count = 0 AND not_before IS NULL
                 AND scheduled_at < $1 AND ($2::uuid IS NULL OR id = $2)
               ORDER BY scheduled_at LIMIT 500
               FOR UPDATE SKIP LOCKED)
        RETURNING id, organisation_id, channel_id, scheduled_at`,
          [new Date(now.getTime() - missedAfterMs), targetId ?? null],
        ),
      );
      // One organisation at a time, in a fixed order: audit events lock the organisation's row.
      rows.sort((a, b) => a.organisation_id.localeCompare(b.organisation_id));
      for (const row of rows) {
        await this.audit.record(manager, {
          organisationId: row.organisation_id,
          actor: SYSTEM_ACTOR,
          action: 'post_target.missed',
          subjectType: 'post_target',
          subjectId: row.id,
          summary: {
            from: 'scheduled',
            to: 'missed',
            channelId: row.channel_id,
            scheduledAt: row.scheduled_at,
          },
        });
      }
      return rows.map((row) => row.id);
    });
  }

  /** Waiting targets that are due now (the reconciler recreates their jobs). */
  async dueTargets(now: Date, limit: number): Promise<PostTarget[]> {
    return this.dataSource
      .getRepository(PostTarget)
      .createQueryBuilder('t')
      .where(`(t.state = 'scheduled' OR (t.state = 'approved' AND t.publish_now))`)
      .andWhere(`(t.publish_now OR t.scheduled_at <= :now)`, { now })
      .andWhere(`(t.not_before IS NULL OR t.not_before <= :now)`, { now })
      .orderBy('t.scheduled_at', 'ASC', 'NULLS FIRST')
      .limit(limit)
      .getMany();
  }

  /**
   * Targets in `publishing` that need settling: claim not renewed for `stuckAfterMs` (the worker died), or
   * whose attempt ended with an unknown outcome longer ago than `settleAfterMs` (its settle job was lost).
   */
  async unsettledTargets(
    now: Date,
    stuckAfterMs: number,
    settleAfterMs: number,
    limit: number,
  ): Promise<Array<{ id: string; claimToken: string }>> {
    const rows: Array<{ id: string; claim_token: string }> = await this.dataSource.query(
      `SELECT t.id, t.claim_token FROM post_target t
        WHERE t.state = 'publishing' AND t.claim_token IS NOT NULL
          AND (t.claimed_at < $1 OR EXISTS (
                SELECT 1 FROM publish_attempt a
                 WHERE a.claim_token = t.claim_token AND a.outcome = 'unknown' AND a.finished_at < $2))
        ORDER BY t.claimed_at LIMIT $3`,
      [new Date(now.getTime() - stuckAfterMs), new Date(now.getTime() - settleAfterMs), limit],
    );
    return rows.map((row) => ({ id: row.id, claimToken: row.claim_token }));
  }

  /** Writes an audit event about a target, as the system, in the transaction of the change. */
  async record(
    manager: EntityManager,
    target: Pick<PostTarget, 'id' | 'organisationId' | 'channelId' | 'version'>,
    action: string,
    summary: Record<string, unknown>,
    actor: AuditActor = SYSTEM_ACTOR,
  ): Promise<void> {
    await this.audit.record(manager, {
      organisationId: target.organisationId,
      actor,
      action,
      subjectType: 'post_target',
      subjectId: target.id,
      summary: { channelId: target.channelId, version: target.version, ...summary },
    });
  }

  /**
   * The CTEs that audit a change about a target inside the statement that makes it (see auditAppendCtes): the
   * event is written when `source` returned the target's row. Its parameters start at `firstParam`.
   */
  private auditCtes(
    source: string,
    target: Pick<PostTarget, 'id' | 'channelId' | 'version'>,
    action: string,
    firstParam: number,
    summary: Record<string, unknown>,
  ): { sql: string; params: unknown[] } {
    return auditAppendCtes(
      source,
      {
        actor: SYSTEM_ACTOR,
        action,
        subjectType: 'post_target',
        subjectId: target.id,
        summary: { channelId: target.channelId, version: target.version, ...summary },
      },
      firstParam,
    );
  }

  private async startAttempt(
    manager: EntityManager,
    target: PostTarget,
    token: string,
    fingerprint: string,
  ): Promise<void> {
    await manager.getRepository(PublishAttempt).insert({
      targetId: target.id,
      targetVersion: target.version,
      claimToken: token,
      startedAt: new Date(),
      fingerprint,
    });
  }

  private async finishAttempt(
    manager: EntityManager,
    token: string,
    outcome: PublishAttemptOutcome,
    externalId: string | null,
    error: string | null,
  ): Promise<void> {
    await manager
      .getRepository(PublishAttempt)
      .update({ claimToken: token }, { outcome, externalId, error, finishedAt: new Date() });
  }
}

/** A part refers to a media asset that no longer exists (or belongs to another organisation). */
export class MissingMedia extends Error {
  constructor(readonly mediaId: string) {
    super(
      `An image or video attached to this post (${mediaId}) no longer exists: edit the post and attach it again.`,
    );
    this.name = 'MissingMedia';
  }
}
