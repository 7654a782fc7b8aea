import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChannelConnections } from '@outside-in/channels';
import { ConflictError } from '@outside-in/common';
import { QuietPeriodsService } from '@outside-in/guardrail-settings';
import {
  AuthExpired,
  Duplicate,
  InvalidContent,
  OutcomeUnknown,
  Permanent,
  RateLimited,
  Transient,
  type PublishResult,
} from '@outside-in/platforms';
import { contentFingerprint } from '@outside-in/publishing';
import { AfterCommit } from '@outside-in/publishing/after-commit';
import { jobId, JobName, JobQueue } from '@outside-in/queue';
import { DataSource, EntityManager } from 'typeorm';
import { InboxEventBus } from './inbox-events';

export type ReplyOutcome =
  | { kind: 'sent'; externalId: string; settledByReadBack: boolean; adoptedEcho: boolean }
  | { kind: 'skipped'; reason: string }
  | { kind: 'unknown' }
  | { kind: 'retry'; at: Date }
  | { kind: 'failed'; reason: string };

export interface ReplyTimings {
  maxAttempts: number;
  retryBaseDelayMs: number;
  settleDelayMs: number;
  /** A claim older than this with no answer belongs to a dead worker: settle it. */
  stuckAfterMs: number;
  /** A live worker renews its claim this often while its network call is in flight. */
  heartbeatMs: number;
  readBackLimit: number;
  readBackSkewMs: number;
}

export const DEFAULT_REPLY_TIMINGS: ReplyTimings = {
  maxAttempts: 5,
  retryBaseDelayMs: 30_000,
  settleDelayMs: 15_000,
  stuckAfterMs: 60_000,
  heartbeatMs: 10_000,
  readBackLimit: 40,
  readBackSkewMs: 5 * 60_000,
};

interface ClaimedReply {
  message_id: string;
  organisation_id: string;
  conversation_id: string;
  channel_id: string;
  body: string;
  mode: 'public' | 'direct';
  in_reply_to_external_id: string | null;
  recipient_external_id: string | null;
  claim_token: string;
  first_claimed_at: Date;
  attempts: number;
  automatic: boolean;
}

/** Who approves during a quiet period whose roles were left empty (as the inbox API's REPLY_APPROVERS). */
const QUIET_PERIOD_FALLBACK_APPROVERS = ['owner', 'admin', 'approver'];

/** From the row alone (attempts, not-before), so the reconciler recomputes the id of a job still waiting. */
export const replyDeliverJobId = (messageId: string, attempts: number, notBefore?: Date | null): string =>
  notBefore
    ? jobId('reply-deliver', messageId, `a${attempts}`, `t${new Date(notBefore).getTime()}`)
    : jobId('reply-deliver', messageId, `a${attempts}`);
export const replySettleJobId = (messageId: string, claimToken: string): string =>
  jobId('reply-settle', messageId, claimToken);

/** A failure as the person who wrote the reply reads it, with what to do. */
function inWords(error: unknown): string {
  if (error instanceof InvalidContent)
    return `The network refused the reply's text: ${error.message}. Change the reply and send it again.`;
  if (error instanceof AuthExpired)
    return 'The channel is no longer connected (its access was refused). Reconnect the channel, then retry.';
  if (error instanceof Permanent)
    return `The network refused the reply: ${error.message}. The message may have been deleted, or the person may not accept replies.`;
  if (error instanceof ConflictError) return error.message;
  if (error instanceof Error) return `The reply could not be sent: ${error.message}. Retry it.`;
  return 'The reply could not be sent. Retry it.';
}

/**
 * Sends replies exactly once, with the discipline of libs/publishing: **claim** (one conditional UPDATE
 * `approved -> sending` with a fresh token, committed before the network call), **call** (adapter.reply under the
 * citizen's message for public threads, adapter.sendDirectMessage for direct ones), **record** the external id the
 * moment it comes back. If the network's echo of our reply was ingested first (polling or a webhook raced the
 * answer), its row is taken over rather than kept as a second message. A call whose outcome is unknown is
 * settled by reading back (our own stored echo, then the network's recent posts or messages, matched by the
 * content fingerprint) and only sent again when truly absent; it is never blindly retried.
 */
@Injectable()
export class ReplySender {
  private readonly logger = new Logger(ReplySender.name);
  timings: ReplyTimings = { ...DEFAULT_REPLY_TIMINGS };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ChannelConnections,
    private readonly jobs: JobQueue,
    private readonly events: InboxEventBus,
    private readonly quietPeriods: QuietPeriodsService,
  ) {}

  /** Queues delivery of an approved reply once `manager`'s transaction commits. */
  async queueAfterCommit(manager: EntityManager, messageId: string, attempts: number): Promise<void> {
    await AfterCommit.install(this.dataSource).run(manager, () =>
      this.jobs.enqueue(
        JobName.DeliverReply,
        { messageId },
        { jobId: replyDeliverJobId(messageId, attempts) },
      ),
    );
  }

  /** queueAfterCommit for many replies (a batch's automatic replies), in one round trip to Redis. */
  async queueManyAfterCommit(
    manager: EntityManager,
    messageIds: readonly string[],
    attempts: number,
  ): Promise<void> {
    if (!messageIds.length) return;
    const jobs = messageIds.map((messageId) => ({
      payload: { messageId },
      options: { jobId: replyDeliverJobId(messageId, attempts) },
    }));
    await AfterCommit.install(this.dataSource).run(manager, () =>
      this.jobs.enqueueMany(JobName.DeliverReply, jobs),
    );
  }

  async deliver(messageId: string): Promise<ReplyOutcome> {
    // A channel whose rate limit has not reset waits for it without spending a call on a certain 429.
    const [limited] = (await this.dataSource.query(
      `SELECT r.attempts, (ch.rate_limit ->> 'resetAt')::timestamptz AS reset_at
         FROM outbound_reply r JOIN message m ON m.id = r.message_id JOIN channel ch ON ch.id = m.channel_id
        WHERE r.message_id = $1 AND m.outbound_state = 'approved'
          AND (ch.rate_limit ->> 'resetAt')::timestamptz > now()`,
      [messageId],
    )) as Array<{ attempts: number; reset_at: Date }>;
    if (limited) {
      await this.dataSource.query(`UPDATE outbound_reply SET not_before = $2 WHERE message_id = $1`, [
        messageId,
        limited.reset_at,
      ]);
      await this.jobs.enqueue(
        JobName.DeliverReply,
        { messageId },
        {
          jobId: replyDeliverJobId(messageId, limited.attempts, limited.reset_at),
          delay: Math.max(0, new Date(limited.reset_at).getTime() - Date.now()),
        },
      );
      return { kind: 'retry', at: new Date(limited.reset_at) };
    }
    const held = await this.holdForQuietPeriod(messageId);
    if (held) return { kind: 'skipped', reason: held };
    const token = randomUUID();
    const claimed = await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE message m SET outbound_state = 'sending'
           FROM outbound_reply r
          WHERE m.id = $1 AND r.message_id = m.id AND m.direction = 'out' AND m.outbound_state = 'approved'
            AND (r.not_before IS NULL OR r.not_before <= now())
          RETURNING m.id`,
        [messageId],
      )) as [Array<{ id: string }>, number];
      if (!rows[0].length) return null;
      return this.takeClaim(manager, messageId, token, true);
    });
    if (!claimed)
      return { kind: 'skipped', reason: 'not approved and due (sent, sending, waiting, or changed)' };
    await this.notify(claimed, 'sending');
    return this.send(claimed);
  }

  /** Settles a send whose outcome is unknown: takes the claim over (conditional on the old token), then reads back. */
  async settle(messageId: string, claimToken: string): Promise<ReplyOutcome> {
    const token = randomUUID();
    const claimed = await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE outbound_reply r SET claim_token = $3, claimed_at = now()
           FROM message m
          WHERE r.message_id = $1 AND r.claim_token = $2 AND m.id = r.message_id AND m.outbound_state = 'sending'
          RETURNING r.message_id`,
        [messageId, claimToken, token],
      )) as [Array<{ message_id: string }>, number];
      if (!rows[0].length) return null;
      return this.load(manager, messageId);
    });
    if (!claimed) return { kind: 'skipped', reason: 'the claim was settled or taken over already' };

    const echo = await this.storedEcho(claimed);
    if (echo) return this.record(claimed, echo, null, true);
    let found: string | null;
    const heartbeat = this.heartbeat(claimed);
    try {
      found = await this.readBack(claimed);
    } catch (error) {
      return this.stayUnknown(claimed, error);
    } finally {
      clearInterval(heartbeat);
    }
    if (found) return this.record(claimed, found, null, true);
    this.logger.log({ messageId, channelId: claimed.channel_id }, 'Reply not found on read-back; sending it');
    return this.send(claimed);
  }

  /**
   * Approved replies without a job get one (Redis lost it), claims nobody renewed are settled, snoozed
   * conversations whose time has come are opened again.
   */
  async reconcile(now = new Date()): Promise<{ queued: number; settling: number; woken: number }> {
    const approved = (await this.dataSource.query(
      `SELECT r.message_id, r.attempts, r.not_before FROM outbound_reply r JOIN message m ON m.id = r.message_id
        WHERE m.outbound_state = 'approved' AND (r.not_before IS NULL OR r.not_before <= $1) LIMIT 500`,
      [now],
    )) as Array<{ message_id: string; attempts: number; not_before: Date | null }>;
    for (const row of approved)
      await this.jobs.enqueue(
        JobName.DeliverReply,
        { messageId: row.message_id },
        { jobId: replyDeliverJobId(row.message_id, row.attempts, row.not_before) },
      );
    const stuck = (await this.dataSource.query(
      `SELECT r.message_id, r.claim_token FROM outbound_reply r JOIN message m ON m.id = r.message_id
        WHERE m.outbound_state = 'sending' AND r.claim_token IS NOT NULL AND r.claimed_at < $1 LIMIT 500`,
      [new Date(now.getTime() - this.timings.stuckAfterMs)],
    )) as Array<{ message_id: string; claim_token: string }>;
    for (const row of stuck)
      await this.jobs.enqueue(
        JobName.SettleReply,
        { messageId: row.message_id, claimToken: row.claim_token },
        { jobId: replySettleJobId(row.message_id, row.claim_token) },
      );
    const woken = (await this.dataSource.query(
      `UPDATE conversation SET status = 'open', snoozed_until = NULL, updated_at = now()
        WHERE status = 'snoozed' AND snoozed_until <= $1
        RETURNING id, organisation_id`,
      [now],
    )) as [Array<{ id: string; organisation_id: string }>, number];
    for (const row of woken[0])
      await this.events.publish(row.organisation_id, {
        type: 'conversation.updated',
        conversationId: row.id,
        change: 'snooze_ended',
        by: null,
      });
    return { queued: approved.length, settling: stuck.length, woken: woken[0].length };
  }

  private async takeClaim(
    manager: EntityManager,
    messageId: string,
    token: string,
    countAttempt: boolean,
  ): Promise<ClaimedReply> {
    await manager.query(
      `UPDATE outbound_reply SET claim_token = $2, claimed_at = now(),
              first_claimed_at = COALESCE(first_claimed_at, now()),
              attempts = attempts + $3, outcome = 'unknown', last_error = NULL
        WHERE message_id = $1`,
      [messageId, token, countAttempt ? 1 : 0],
    );
    return this.load(manager, messageId);
  }

  private async load(manager: EntityManager, messageId: string): Promise<ClaimedReply> {
    const [row] = (await manager.query(
      `SELECT r.message_id, r.organisation_id, r.conversation_id, m.channel_id, m.body, r.mode,
              r.in_reply_to_external_id, r.recipient_external_id, r.claim_token, r.first_claimed_at, r.attempts,
              r.automatic
         FROM outbound_reply r JOIN message m ON m.id = r.message_id WHERE r.message_id = $1`,
      [messageId],
    )) as ClaimedReply[];
    return row;
  }

  private async send(reply: ClaimedReply): Promise<ReplyOutcome> {
    const idempotencyKey = `reply-${reply.message_id}`;
    let result: PublishResult;
    const heartbeat = this.heartbeat(reply);
    try {
      result = await this.channels.call(reply.channel_id, (adapter, connection) =>
        reply.mode === 'public'
          ? adapter.reply(connection, {
              idempotencyKey,
              inReplyToExternalId: reply.in_reply_to_external_id!,
              text: reply.body,
            })
          : adapter.sendDirectMessage(connection, {
              idempotencyKey,
              recipientExternalId: reply.recipient_external_id!,
              text: reply.body,
            }),
      );
    } catch (error) {
      return this.failure(reply, error);
    } finally {
      clearInterval(heartbeat);
    }
    return this.record(reply, result.externalId, result.url, false);
  }

  /**
   * The last gate before a reply leaves: while a quiet period is in force on its channel, a reply goes out only
   * when someone in the period's roles approved it (however it became `approved`: before the period began, by
   * the ordinary policy, or by a retry). Otherwise it goes back to `pending_approval` with the reason, and
   * nothing is sent. Automatic out-of-hours replies are the organisation's fixed signposting text and pass.
   * Answers the reason it was held, or null.
   */
  private async holdForQuietPeriod(messageId: string): Promise<string | null> {
    const [reply] = (await this.dataSource.query(
      `SELECT r.organisation_id, r.conversation_id, m.channel_id, r.automatic, r.approved_by, ms.role AS approver_role
         FROM outbound_reply r JOIN message m ON m.id = r.message_id
         LEFT JOIN membership ms ON ms.user_id = r.approved_by AND ms.organisation_id = r.organisation_id
        WHERE r.message_id = $1 AND m.outbound_state = 'approved'`,
      [messageId],
    )) as Array<{
      organisation_id: string;
      conversation_id: string;
      channel_id: string;
      automatic: boolean;
      approved_by: string | null;
      approver_role: string | null;
    }>;
    if (!reply || reply.automatic) return null;
    const quiet = await this.quietPeriods.quietPeriodAt(reply.organisation_id, new Date(), reply.channel_id);
    if (!quiet) return null;
    const roles = quiet.period.approverRoles.length
      ? quiet.period.approverRoles
      : QUIET_PERIOD_FALLBACK_APPROVERS;
    if (reply.approved_by && reply.approver_role && (roles as string[]).includes(reply.approver_role))
      return null;
    const reason = `The quiet period “${quiet.period.name}” is in force: every reply needs approval.`;
    const moved = await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE message SET outbound_state = 'pending_approval' WHERE id = $1 AND outbound_state = 'approved'
          RETURNING id`,
        [messageId],
      )) as [Array<{ id: string }>, number];
      if (!rows[0].length) return false;
      await manager.query(
        `UPDATE outbound_reply SET approval_reason = $2, approver_roles = $3, approved_by = NULL, approved_at = NULL,
                not_before = NULL
          WHERE message_id = $1`,
        [messageId, reason, JSON.stringify(roles)],
      );
      return true;
    });
    if (!moved) return null;
    this.logger.log({ messageId, channelId: reply.channel_id }, 'Reply held for approval: quiet period');
    await this.notify(
      {
        organisation_id: reply.organisation_id,
        conversation_id: reply.conversation_id,
        message_id: messageId,
      },
      'pending_approval',
    );
    return `held for approval: ${reason}`;
  }

  /** Renews the claim while a call is in flight, so only a dead worker's claim gets old enough to settle. */
  private heartbeat(reply: ClaimedReply): NodeJS.Timeout {
    const timer = setInterval(() => {
      this.dataSource
        .query(`UPDATE outbound_reply SET claimed_at = now() WHERE message_id = $1 AND claim_token = $2`, [
          reply.message_id,
          reply.claim_token,
        ])
        .catch((error: unknown) =>
          this.logger.warn({ messageId: reply.message_id, err: error }, 'Heartbeat failed'),
        );
    }, this.timings.heartbeatMs);
    timer.unref();
    return timer;
  }

  /** Records the network's id at once; an echo of it ingested first is taken over (deleted, its raw kept). */
  private async record(
    reply: ClaimedReply,
    externalId: string,
    url: string | null,
    settledByReadBack: boolean,
  ): Promise<ReplyOutcome> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const echo = (await manager.query(
        `DELETE FROM message e
          WHERE e.channel_id = $1 AND e.external_id = $2 AND e.id <> $3 AND e.direction = 'out'
            AND NOT EXISTS (SELECT 1 FROM outbound_reply r WHERE r.message_id = e.id)
          RETURNING e.raw, e.url`,
        [reply.channel_id, externalId, reply.message_id],
      )) as [Array<{ raw: unknown; url: string | null }>, number];
      const adopted = echo[0][0];
      const updated = (await manager.query(
        `UPDATE message m SET outbound_state = 'sent', external_id = $2, url = COALESCE($3, $4, m.url),
                raw = COALESCE($5::jsonb, m.raw), created_at = now()
           FROM outbound_reply r
          WHERE m.id = $1 AND r.message_id = m.id AND m.outbound_state = 'sending' AND r.claim_token = $6
          RETURNING m.id`,
        [
          reply.message_id,
          externalId,
          url,
          adopted?.url ?? null,
          adopted?.raw ? JSON.stringify(adopted.raw) : null,
          reply.claim_token,
        ],
      )) as [Array<{ id: string }>, number];
      if (!updated[0].length) return null;
      await manager.query(
        `UPDATE outbound_reply SET outcome = 'sent', sent_at = now(), claim_token = NULL, last_error = NULL
          WHERE message_id = $1`,
        [reply.message_id],
      );
      // First response: our first message after the public's first one; an automatic (out-of-hours) reply is
      // not a response from a person and leaves the clock running.
      await manager.query(
        `UPDATE conversation c SET last_message_at = GREATEST(c.last_message_at, now()),
                first_response_at = COALESCE(c.first_response_at,
                  CASE WHEN NOT $2::boolean
                        AND EXISTS (SELECT 1 FROM message i WHERE i.conversation_id = c.id AND i.direction = 'in')
                       THEN now() END),
                updated_at = now()
          WHERE c.id = $1`,
        [reply.conversation_id, reply.automatic],
      );
      return { adoptedEcho: !!adopted };
    });
    if (!outcome) return { kind: 'skipped', reason: 'the claim was taken over while sending' };
    this.logger.log(
      {
        messageId: reply.message_id,
        channelId: reply.channel_id,
        settledByReadBack,
        adoptedEcho: outcome.adoptedEcho,
      },
      'Reply sent',
    );
    await this.notify(reply, 'sent');
    return { kind: 'sent', externalId, settledByReadBack, adoptedEcho: outcome.adoptedEcho };
  }

  private async failure(reply: ClaimedReply, error: unknown): Promise<ReplyOutcome> {
    if (error instanceof RateLimited) return this.later(reply, error.resetAt, false);
    if (error instanceof Transient) {
      if (reply.attempts >= this.timings.maxAttempts) return this.fail(reply, inWords(error));
      const backoff = this.timings.retryBaseDelayMs * 2 ** (reply.attempts - 1);
      const at = new Date(Math.max(Date.now() + backoff, error.retryAfter?.getTime() ?? 0));
      return this.later(reply, at, true);
    }
    if (error instanceof Duplicate) {
      // The network says it has this already: it is ours only if reading back finds it.
      const found = await this.readBack(reply).catch(() => null);
      if (found) return this.record(reply, found, null, true);
      return this.fail(
        reply,
        'The network refused the reply as a duplicate and it could not be found. Change it slightly and retry.',
      );
    }
    if (
      error instanceof InvalidContent ||
      error instanceof Permanent ||
      error instanceof AuthExpired ||
      error instanceof ConflictError
    )
      return this.fail(reply, inWords(error));
    // OutcomeUnknown, or anything unexpected once the call may have started: read back, never resend blindly.
    if (!(error instanceof OutcomeUnknown))
      this.logger.warn({ messageId: reply.message_id, err: error }, 'Reply send ended unexpectedly');
    await this.dataSource.query(
      `UPDATE outbound_reply SET outcome = 'unknown', last_error = $3 WHERE message_id = $1 AND claim_token = $2`,
      [reply.message_id, reply.claim_token, 'Checking whether the reply reached the network.'],
    );
    await this.jobs.enqueue(
      JobName.SettleReply,
      { messageId: reply.message_id, claimToken: reply.claim_token },
      { jobId: replySettleJobId(reply.message_id, reply.claim_token), delay: this.timings.settleDelayMs },
    );
    return { kind: 'unknown' };
  }

  /** Reading back failed: the outcome stays unknown and is settled later; after many tries a person decides. */
  private async stayUnknown(reply: ClaimedReply, error: unknown): Promise<ReplyOutcome> {
    const tries = (await this.dataSource.query(
      `UPDATE outbound_reply SET attempts = attempts + 1 WHERE message_id = $1 AND claim_token = $2 RETURNING attempts`,
      [reply.message_id, reply.claim_token],
    )) as [Array<{ attempts: number }>, number];
    const attempts = tries[0][0]?.attempts ?? reply.attempts;
    if (attempts >= this.timings.maxAttempts * 2)
      return this.fail(
        reply,
        'We could not tell whether the reply reached the network (it could not be read back). Check the conversation on the network before retrying.',
      );
    await this.jobs.enqueue(
      JobName.SettleReply,
      { messageId: reply.message_id, claimToken: reply.claim_token },
      {
        jobId: replySettleJobId(reply.message_id, reply.claim_token),
        delay: this.timings.settleDelayMs * 2 ** Math.min(attempts, 6),
      },
    );
    this.logger.warn({ messageId: reply.message_id, err: error }, 'Reply read-back failed; will try again');
    return { kind: 'unknown' };
  }

  /** Back to approved with a job at `at` (a rate limit or a transient error: the network did nothing). */
  private async later(reply: ClaimedReply, at: Date, counted: boolean): Promise<ReplyOutcome> {
    const attempts = await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE outbound_reply SET claim_token = NULL, outcome = NULL, attempts = attempts - $3, not_before = $4
          WHERE message_id = $1 AND claim_token = $2 RETURNING attempts`,
        [reply.message_id, reply.claim_token, counted ? 0 : 1, at],
      )) as [Array<{ attempts: number }>, number];
      if (!rows[0].length) return null;
      await manager.query(`UPDATE message SET outbound_state = 'approved' WHERE id = $1`, [reply.message_id]);
      return rows[0][0].attempts;
    });
    if (attempts === null) return { kind: 'skipped', reason: 'the claim was taken over' };
    await this.jobs.enqueue(
      JobName.DeliverReply,
      { messageId: reply.message_id },
      {
        jobId: replyDeliverJobId(reply.message_id, attempts, at),
        delay: Math.max(0, at.getTime() - Date.now()),
      },
    );
    return { kind: 'retry', at };
  }

  private async fail(reply: ClaimedReply, reason: string): Promise<ReplyOutcome> {
    const done = await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE outbound_reply SET claim_token = NULL, outcome = 'failed', last_error = $3
          WHERE message_id = $1 AND claim_token = $2 RETURNING message_id`,
        [reply.message_id, reply.claim_token, reason],
      )) as [Array<{ message_id: string }>, number];
      if (!rows[0].length) return false;
      await manager.query(`UPDATE message SET outbound_state = 'failed' WHERE id = $1`, [reply.message_id]);
      return true;
    });
    if (!done) return { kind: 'skipped', reason: 'the claim was taken over' };
    await this.notify(reply, 'failed');
    return { kind: 'failed', reason };
  }

  /** Our echo already ingested (an `out` row with no reply of ours behind it, the same words, since the claim). */
  private async storedEcho(reply: ClaimedReply): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT e.external_id, e.body FROM message e
        WHERE e.conversation_id = $1 AND e.direction = 'out' AND e.external_id IS NOT NULL
          AND e.created_at >= $2
          AND NOT EXISTS (SELECT 1 FROM outbound_reply r WHERE r.message_id = e.id)
        ORDER BY e.created_at LIMIT 50`,
      [
        reply.conversation_id,
        new Date(new Date(reply.first_claimed_at).getTime() - this.timings.readBackSkewMs),
      ],
    )) as Array<{ external_id: string; body: string }>;
    const fingerprint = contentFingerprint(reply.body);
    return rows.find((row) => contentFingerprint(row.body) === fingerprint)?.external_id ?? null;
  }

  /** Reads the network back: our recent posts (public replies) or recent messages (direct), by fingerprint. */
  private async readBack(reply: ClaimedReply): Promise<string | null> {
    const fingerprint = contentFingerprint(reply.body);
    const since = new Date(reply.first_claimed_at).getTime() - this.timings.readBackSkewMs;
    const candidates = await this.channels.call(reply.channel_id, async (adapter, connection) => {
      if (reply.mode === 'public') {
        const posts = await adapter.readBack(connection, { limit: this.timings.readBackLimit });
        return posts
          .filter((p) => p.inReplyToExternalId === reply.in_reply_to_external_id)
          .map((p) => ({ externalId: p.externalId, text: p.text, createdAt: p.createdAt }));
      }
      const page = await adapter.fetchInbound(connection, null);
      return page.items
        .filter((item) => item.fromAccount)
        .map((item) => ({ externalId: item.externalId, text: item.text, createdAt: item.createdAt }));
    });
    const matches = candidates
      .filter((c) => c.createdAt.getTime() >= since && contentFingerprint(c.text) === fingerprint)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const match of matches) {
      // Never claim a message another of our replies already recorded.
      const [taken] = (await this.dataSource.query(
        `SELECT 1 FROM message m JOIN outbound_reply r ON r.message_id = m.id
          WHERE m.channel_id = $1 AND m.external_id = $2 AND m.id <> $3`,
        [reply.channel_id, match.externalId, reply.message_id],
      )) as unknown[];
      if (!taken) return match.externalId;
    }
    return null;
  }

  private async notify(
    reply: Pick<ClaimedReply, 'organisation_id' | 'conversation_id' | 'message_id'>,
    state: string,
  ) {
    await this.events.publish(reply.organisation_id, {
      type: 'reply.updated',
      conversationId: reply.conversation_id,
      messageId: reply.message_id,
      state,
    });
  }
}
