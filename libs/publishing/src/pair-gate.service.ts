import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { networkName } from '@outside-in/channels';
import { AuditService, Notification, PostTarget, SYSTEM_ACTOR, returnedRows } from '@outside-in/database';
import { languageName } from '@outside-in/guardrails';
import { DataSource, EntityManager } from 'typeorm';
import { PublishScheduler } from './publish-scheduler.service';
import { isWaitingToPublish } from './publish-timing';

/** One half's target as the gate sees it: its state, its channel, and whether that channel is paused. */
export interface PairSibling {
  id: string;
  language: string;
  state: PostTarget['state'];
  publishNow: boolean;
  lastError: string | null;
  network: string;
  handle: string;
  channelStatus: string;
  paused: boolean;
}

/** Why a waiting half may not go yet; `flag` when people must be told (something went wrong). */
export interface PairWait {
  reason: string;
  flag: boolean;
}

/**
 * The rule of a bilingual pair, as a pure function (unit-tested; the gate below feeds it from the database).
 * `first` is the language published first. Returns null when `target` may be published now.
 *
 * 1. If any other half failed or was missed, every waiting half is held (and flagged): neither half goes out
 *    alone. Retrying the failed half releases it.
 * 2. A first-language half starts only when every other half is ready to follow: waiting to publish (or
 *    already publishing or published), on a connected channel that is not paused. Otherwise it is held (and
 *    flagged when a channel needs a person: reconnecting or switching on).
 * 3. A second-language half waits until every first-language half is published (not flagged: that is the
 *    order working).
 */
export function pairWait(
  target: { language: string },
  first: string,
  siblings: readonly PairSibling[],
): PairWait | null {
  const where = (s: PairSibling) => `${networkName(s.network)} ${s.handle}`;
  const half = (s: PairSibling) => `the ${languageName(s.language)} half`;
  const broken = siblings.find((s) => s.state === 'failed' || s.state === 'missed');
  if (broken) {
    const what = broken.state === 'failed' ? 'failed' : 'was missed';
    const why = broken.lastError ? `: ${broken.lastError.replace(/\.$/, '')}` : '';
    return {
      reason: `Held because ${half(broken)} ${what} on ${where(broken)}${why}. Retry ${half(broken)} and this one follows it`,
      flag: true,
    };
  }
  if (target.language === first) {
    for (const s of siblings) {
      const ready = isWaitingToPublish(s) || s.state === 'publishing' || s.state === 'published';
      if (!ready) {
        return {
          reason: `Held because ${half(s)} on ${where(s)} is not scheduled yet (${s.state.replace('_', ' ')}); both halves go out together`,
          flag: false,
        };
      }
      if (s.state === 'published') continue;
      if (s.channelStatus !== 'connected') {
        const fix =
          s.channelStatus === 'disabled'
            ? 'is switched off: switch it on'
            : 'needs reconnecting: reconnect it';
        return {
          reason: `Held because ${half(s)} cannot go out: the ${where(s)} channel ${fix} and both halves go out`,
          flag: true,
        };
      }
      if (s.paused) {
        return {
          reason: `Held because publishing is paused on ${where(s)}, where ${half(s)} goes; both halves go out when it is resumed`,
          flag: false,
        };
      }
    }
    return null;
  }
  const before = siblings.find((s) => s.language === first && s.state !== 'published');
  if (before) {
    return { reason: `Waiting for ${half(before)} to be published first, on ${where(before)}`, flag: false };
  }
  return null;
}

/**
 * Bilingual pairs in the publishing engine (libs/publishing/README.md, "Bilingual pairs"). The runner asks
 * `reasonToWait` before it claims a half (so the exactly-once protocol of each half is untouched: the gate only
 * decides whether the claim is tried), and calls `afterOutcome` when a half is published or has failed, so the
 * next half goes at once and a failure holds and flags the others straight away rather than at their next
 * look.
 */
@Injectable()
export class PairGate {
  private readonly logger = new Logger(PairGate.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly scheduler: PublishScheduler,
  ) {}

  /** Null when the target is not half of a pair or may go now; otherwise why it waits (kept on the row). */
  async reasonToWait(target: PostTarget): Promise<string | null> {
    if (!target.language) return null;
    const pair = await this.pairOf(target.postId);
    if (!pair) return null;
    const wait = pairWait(target as { language: string }, pair.first, pair.siblings(target.id));
    if (!wait) {
      if (target.heldReason) {
        await this.dataSource.query(
          `UPDATE post_target SET held_reason = NULL WHERE id = $1 AND held_reason IS NOT NULL`,
          [target.id],
        );
      }
      return null;
    }
    await this.hold(target.id, wait);
    return wait.reason;
  }

  /**
   * After a half was published or failed: waiting halves that may now go are made due at once and queued;
   * those that must now wait are held (and flagged). A half that failed after another half went out cannot be
   * held any more: the people are told, so they retry it.
   */
  async afterOutcome(target: PostTarget, outcome: 'published' | 'failed'): Promise<void> {
    if (!target.language) return;
    try {
      const pair = await this.pairOf(target.postId);
      if (!pair) return;
      const everyone = pair.siblings(null);
      if (outcome === 'failed' && everyone.some((s) => s.state === 'published')) {
        const out = everyone.filter((s) => s.state === 'published').map((s) => s.language);
        await this.flag(
          target.id,
          `The ${languageName(target.language)} half failed after the ${[...new Set(out)].map(languageName).join(' and ')} half went out: retry it so both languages are published.`,
        );
      }
      for (const sibling of everyone) {
        if (sibling.id === target.id || !isWaitingToPublish(sibling)) continue;
        const wait = pairWait(sibling, pair.first, pair.siblings(sibling.id));
        if (wait) {
          await this.hold(sibling.id, wait);
          continue;
        }
        const rows = returnedRows<PostTarget>(
          await this.dataSource.query(
            `UPDATE post_target SET not_before = CASE WHEN not_before > now() THEN now() ELSE not_before END,
                    held_reason = NULL, updated_at = now()
              WHERE id = $1 AND (state = 'scheduled' OR (state = 'approved' AND publish_now))
          RETURNING id, version, state, scheduled_at AS "scheduledAt", not_before AS "notBefore",
                    publish_now AS "publishNow"`,
            [sibling.id],
          ),
        );
        if (rows[0]) await this.scheduler.enqueue(rows[0]);
      }
    } catch (error) {
      // The halves still meet their rule at their own next run; this only makes it sooner.
      this.logger.warn({ postTargetId: target.id, err: error }, 'Could not update the other half of a pair');
    }
  }

  /** Keeps the reason on the row; the first time a flagged reason is set, audits it and tells the people. */
  private async hold(targetId: string, wait: PairWait): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ organisation_id: string; post_id: string }>(
        await manager.query(
          `UPDATE post_target SET held_reason = $2 WHERE id = $1 AND held_reason IS DISTINCT FROM $2
           RETURNING organisation_id, post_id`,
          [targetId, wait.reason],
        ),
      );
      if (!rows.length || !wait.flag) return;
      await this.audit.record(manager, {
        organisationId: rows[0].organisation_id,
        actor: SYSTEM_ACTOR,
        action: 'post_target.pair_held',
        subjectType: 'post_target',
        subjectId: targetId,
        summary: { reason: wait.reason },
      });
      await this.notify(manager, rows[0].organisation_id, rows[0].post_id, wait.reason);
    });
  }

  private async flag(targetId: string, message: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row]: Array<{ organisation_id: string; post_id: string }> = await manager.query(
        `SELECT organisation_id, post_id FROM post_target WHERE id = $1`,
        [targetId],
      );
      if (!row) return;
      await this.audit.record(manager, {
        organisationId: row.organisation_id,
        actor: SYSTEM_ACTOR,
        action: 'post_target.pair_split',
        subjectType: 'post_target',
        subjectId: targetId,
        summary: { message },
      });
      await this.notify(manager, row.organisation_id, row.post_id, message);
    });
  }

  /** The post's author and its organisation's reviewers (owners, admins, approvers), each once. */
  private async notify(
    manager: EntityManager,
    organisationId: string,
    postId: string,
    reason: string,
  ): Promise<void> {
    const people: Array<{ user_id: string; title: string }> = await manager.query(
      `SELECT DISTINCT m.user_id, COALESCE(p.title, left(p.shared_text, 60)) AS title
         FROM post p JOIN membership m ON m.organisation_id = p.organisation_id
        WHERE p.id = $1 AND (m.user_id = p.author_id OR m.role IN ('owner', 'admin', 'approver'))`,
      [postId],
    );
    if (!people.length) return;
    const title = people[0].title || 'a bilingual post';
    await manager.getRepository(Notification).insert(
      people.map((person) => ({
        organisationId,
        userId: person.user_id,
        kind: 'post.pair_held',
        message: `“${title}”: ${reason.replace(/\.?$/, '.')}`,
        postId,
      })),
    );
  }

  /** The post's pair and every live half (not cancelled) with its channel and whether that is paused. */
  private async pairOf(
    postId: string,
  ): Promise<{ first: string; siblings: (except: string | null) => PairSibling[] } | null> {
    const [post]: Array<{ pair: { languages: [string, string] } | null }> = await this.dataSource.query(
      `SELECT pair FROM post WHERE id = $1`,
      [postId],
    );
    if (!post?.pair) return null;
    const rows: Array<{
      id: string;
      language: string | null;
      state: PostTarget['state'];
      publish_now: boolean;
      last_error: string | null;
      network: string;
      handle: string;
      status: string;
      paused: boolean;
    }> = await this.dataSource.query(
      `SELECT t.id, t.language, t.state, t.publish_now, t.last_error, c.network, c.handle, c.status,
              EXISTS (SELECT 1 FROM publishing_pause z WHERE z.organisation_id = t.organisation_id
                       AND z.resumed_at IS NULL AND (z.channel_id IS NULL OR z.channel_id = t.channel_id)) AS paused
         FROM post_target t JOIN channel c ON c.id = t.channel_id
        WHERE t.post_id = $1 AND t.state <> 'cancelled' AND t.language IS NOT NULL`,
      [postId],
    );
    const all: PairSibling[] = rows.map((r) => ({
      id: r.id,
      language: r.language!,
      state: r.state,
      publishNow: r.publish_now,
      lastError: r.last_error,
      network: r.network,
      handle: r.handle,
      channelStatus: r.status,
      paused: r.paused,
    }));
    return { first: post.pair.languages[0], siblings: (except) => all.filter((s) => s.id !== except) };
  }
}
