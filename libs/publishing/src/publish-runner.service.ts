import { Inject, Injectable, Logger } from '@nestjs/common';
import { ChannelConnections, networkName } from '@outside-in/channels';
import { APP_CONFIG, AppConfig, DomainError, MediaUrlSigner } from '@outside-in/common';
import type { Channel, PostTarget, PublishedTargetPart } from '@outside-in/database';
import {
  AuthExpired,
  Duplicate,
  InvalidContent,
  OutcomeUnknown,
  Permanent,
  PlatformError,
  RateLimited,
  Transient,
  type PostPart,
} from '@outside-in/platforms';
import { contentFingerprint } from './content-fingerprint';
import { Claim, MissingMedia, PostTargetRepository, PublishedOutcome } from './post-target.repository';
import { retryDelayMs } from './publish-backoff';
import { PublishScheduler } from './publish-scheduler.service';
import { dueAt, isWaitingToPublish } from './publish-timing';
import { PUBLISHING_OPTIONS, PublishingOptions } from './publishing-options';
import { holdReason } from './publishing-hold';
import { PairGate } from './pair-gate.service';

/** What one run did, for the job's result and the tests. */
export type PublishRunOutcome =
  | { kind: 'skipped'; reason: string }
  | { kind: 'deferred'; until: Date; reason: string }
  | { kind: 'published'; externalId: string; url: string; settledByReadBack: boolean }
  | { kind: 'retrying'; at: Date; reason: string }
  | { kind: 'failed'; message: string }
  | { kind: 'unknown'; settleAt: Date; reason: string }
  | { kind: 'missed' };

/** A job that fires this little early (clocks of Redis and the worker differ) waits instead of going round again. */
const EARLY_TOLERANCE_MS = 5_000;

const skipped = (reason: string): PublishRunOutcome => ({ kind: 'skipped', reason });

/**
 * Publishes one post target exactly once (DESIGN.md, "Publishing exactly once"):
 *
 * 1. re-read the row; do nothing unless it waits for publishing at the job's version and is due;
 * 2. wait, without calling the network, while the channel is rate-limited (or publishing is held);
 * 3. claim it in one conditional UPDATE (`scheduled -> publishing`, fresh token) and commit before calling;
 * 4. if an earlier attempt of this version may have reached the network, read back first and match the
 *    content fingerprint; publish only when the post is truly absent;
 * 5. publish with the idempotency key `<target id>:<version>` (Mastodon Idempotency-Key, Bluesky record key) and
 *    record the external id the moment it comes back;
 * 6. classify failures: rate limit -> wait for the reset; transient -> retry with backoff and jitter, then
 *    `failed`; unknown outcome -> stay `publishing` and settle by read-back; duplicate -> published only if read
 *    back; refused content, refused for good or expired access -> `failed` with what to do.
 */
@Injectable()
export class PublishRunner {
  private readonly logger = new Logger(PublishRunner.name);

  /** Signs the public URL of each image, for networks that download media themselves (Instagram). */
  private readonly mediaUrls: MediaUrlSigner;

  constructor(
    private readonly targets: PostTargetRepository,
    private readonly connections: ChannelConnections,
    private readonly scheduler: PublishScheduler,
    private readonly pair: PairGate,
    @Inject(PUBLISHING_OPTIONS) private readonly options: PublishingOptions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.mediaUrls = new MediaUrlSigner(config);
  }

  /** The publish job: `version` is the one the job was made for. */
  async run(targetId: string, version: number, now: Date = new Date()): Promise<PublishRunOutcome> {
    const target = await this.targets.find(targetId);
    if (!target) return skipped('the target no longer exists');
    if (target.version !== version) return skipped(`version ${version} is stale (now ${target.version})`);
    if (!isWaitingToPublish(target)) return skipped(`it is ${target.state}`);
    const due = dueAt(target);
    if (!due) return skipped('it has no scheduled time');
    if (due > now) {
      const wait = due.getTime() - now.getTime();
      if (wait > EARLY_TOLERANCE_MS) {
        await this.scheduler.enqueue(target, now);
        return { kind: 'deferred', until: due, reason: 'not due yet' };
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
      now = new Date();
    }
    if (this.isMissed(target, now)) {
      const missed = await this.targets.markMissed(now, this.options.missedAfterMs, target.id);
      if (missed.length) return { kind: 'missed' };
    }
    // A pause holds everything; half of a bilingual pair also waits for the other half (pair-gate.service.ts).
    // The pause and how busy the channel is come in one statement (see PostTargetRepository.gate).
    const gate = await this.targets.gate(
      target,
      now,
      this.options.stuckAfterMs,
      this.options.maxInFlightPerChannel,
    );
    const heldBecause = gate.pause ? holdReason(gate.pause) : await this.pair.reasonToWait(target);
    if (heldBecause) {
      return this.defer(target, new Date(now.getTime() + this.options.holdRecheckMs), heldBecause, now);
    }
    const channel = await this.connections.find(target.channelId);
    if (channel.status !== 'connected') {
      const message = reconnectMessage(channel);
      if (!(await this.targets.failWaiting(target, message))) return skipped('it changed meanwhile');
      await this.pair.afterOutcome(target, 'failed');
      return { kind: 'failed', message };
    }
    const resetAt = channel.rateLimit ? new Date(channel.rateLimit.resetAt) : null;
    if (resetAt && resetAt > now) {
      return this.defer(target, resetAt, `the channel is rate-limited until ${resetAt.toISOString()}`, now);
    }
    // Another post of this channel may be out without our knowing, or enough are in flight (see gate).
    const busy = gate.busy;
    if (busy === 'unsettled') {
      const at = new Date(now.getTime() + this.options.settleDelayMs);
      return this.defer(target, at, 'an earlier post on this channel is being checked first', now);
    }
    if (busy === 'full') {
      // A moment later, spread out so that the waiting posts do not all come back at once.
      const at = new Date(now.getTime() + 250 + Math.floor(Math.random() * 750));
      return this.defer(target, at, 'other posts on this channel are going out first', now);
    }
    const fingerprint = contentFingerprint(target.parts[0]?.text ?? '');
    // No claim of this version counted yet (a version starts at 0; a rate-limited claim gives its count back and
    // its attempt is settled): nothing of it can be on the network, so there is nothing to read back first.
    const readBackFirst =
      target.attemptCount > 0 && (await this.targets.lastAttemptUnsettled(target.id, target.version));
    const claim = await this.targets.claim(target, fingerprint);
    if (!claim) return skipped('another worker or a person changed it first');
    this.logger.log(
      { postTargetId: target.id, channelId: target.channelId, attempt: claim.attempt },
      'Claimed a post target for publishing',
    );
    return this.whileClaimed(target, claim, () => this.publishClaimed(target, channel, claim, readBackFirst));
  }

  /**
   * The settle job (and the reconciler, for a claim whose worker died): takes over the claim, reads the channel
   * back, records the post if it is there and publishes it only if it is not.
   */
  async settle(targetId: string, claimToken: string): Promise<PublishRunOutcome> {
    const target = await this.targets.find(targetId);
    if (!target || target.state !== 'publishing') return skipped(`it is ${target?.state ?? 'gone'}`);
    if (target.claimToken !== claimToken) return skipped('a newer claim holds it');
    const channel = await this.connections.find(target.channelId);
    const fingerprint = contentFingerprint(target.parts[0]?.text ?? '');
    const claim = await this.targets.reclaim(target, claimToken, fingerprint);
    if (!claim) return skipped('another worker settled it first');
    if (channel.status !== 'connected') {
      const message = `${reconnectMessage(channel)} We could not check whether the post went out: look at the channel before retrying.`;
      await this.targets.markFailed(target, claim.token, message);
      await this.pair.afterOutcome(target, 'failed');
      return { kind: 'failed', message };
    }
    return this.whileClaimed(target, claim, () => this.publishClaimed(target, channel, claim, true));
  }

  /** Renews the claim every `heartbeatMs` while `work` runs, so the reconciler never takes a live claim over. */
  private async whileClaimed<T>(target: PostTarget, claim: Claim, work: () => Promise<T>): Promise<T> {
    const heartbeat = setInterval(() => {
      this.targets.renewClaim(target.id, claim.token).catch((error: unknown) => {
        this.logger.warn({ postTargetId: target.id, err: error }, 'Could not renew a publishing claim');
      });
    }, this.options.heartbeatMs);
    heartbeat.unref();
    try {
      return await work();
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async publishClaimed(
    target: PostTarget,
    channel: Channel,
    claim: Claim,
    readBackFirst: boolean,
  ): Promise<PublishRunOutcome> {
    const network = networkName(channel.network);
    if (readBackFirst) {
      let found: PublishedTargetPart[];
      try {
        found = await this.findOnNetwork(target);
      } catch (error) {
        return this.afterUnknown(
          target,
          claim,
          `Could not read the ${network} channel back to see whether the post went out (${describe(error)}); trying again shortly.`,
          error instanceof RateLimited ? error.resetAt : undefined,
        );
      }
      target = await this.withProgress(target, claim, found);
      if (found.length === target.parts.length) {
        return this.recordPublished(target, claim, found, 'settled_by_read_back');
      }
      if (claim.attempt > this.options.maxAttempts) {
        return this.fail(
          target,
          claim,
          `After ${claim.attempt - 1} attempts we could not tell whether ${network} received the post, and it is not among the channel's recent posts. Check the channel, then retry.`,
        );
      }
    }
    // A thread that went out part-way before carries on after its last part instead of starting again.
    const done = target.publishedParts ?? [];
    let published: PublishedTargetPart[];
    try {
      const parts = await this.partsOf(target, target.parts.slice(done.length));
      // The channel as read before the claim, a moment ago: not read again (see ChannelConnections.call).
      const result = await this.connections.call(channel, (adapter, connection) =>
        adapter.publish(connection, {
          idempotencyKey: done.length
            ? `${target.id}:${target.version}:${done.length}`
            : `${target.id}:${target.version}`,
          parts,
          inReplyToExternalId: done.at(-1)?.externalId,
        }),
      );
      published = [...done, ...result.parts];
      if (
        result.rateLimit &&
        result.rateLimit.remaining <= 0 &&
        result.rateLimit.resetAt.getTime() > Date.now()
      ) {
        await this.targets.rememberExhaustedRateLimit(
          target.channelId,
          result.rateLimit.limit,
          result.rateLimit.resetAt,
        );
      }
    } catch (error) {
      if (target.parts.length > 1 && error instanceof PlatformError && !(error instanceof OutcomeUnknown)) {
        // The adapter reports one error for the whole thread: some parts may have gone out before it.
        try {
          target = await this.withProgress(target, claim, await this.findOnNetwork(target));
        } catch (readError) {
          return this.afterUnknown(
            target,
            claim,
            `Part of the thread may have gone out and the ${network} channel could not be read back (${describe(readError)}); trying again shortly.`,
          );
        }
        if (target.publishedParts?.length === target.parts.length) {
          return this.recordPublished(target, claim, target.publishedParts, 'settled_by_read_back');
        }
      }
      return this.afterError(target, channel, claim, error);
    }
    return this.recordPublished(target, claim, published, 'published');
  }

  /** Keeps the parts found on the network on the row (they are out, whatever happens next). */
  private async withProgress(
    target: PostTarget,
    claim: Claim,
    found: PublishedTargetPart[],
  ): Promise<PostTarget> {
    if (found.length <= (target.publishedParts?.length ?? 0)) return target;
    await this.targets.recordProgress(target, claim.token, found);
    return { ...target, publishedParts: found, externalId: found[0].externalId, externalUrl: found[0].url };
  }

  private async afterError(
    target: PostTarget,
    channel: Channel,
    claim: Claim,
    error: unknown,
  ): Promise<PublishRunOutcome> {
    const network = networkName(channel.network);
    const context = { postTargetId: target.id, channelId: target.channelId, attempt: claim.attempt };
    if (error instanceof MissingMedia) return this.fail(target, claim, error.message);
    // Our own refusals (the channel was disconnected meanwhile) come before any call: nothing was sent.
    if (error instanceof DomainError)
      return this.fail(target, claim, `${error.message} Then retry this post.`);
    if (!(error instanceof PlatformError)) {
      this.logger.error({ ...context, err: error }, 'Publishing failed in an unexpected way');
      return this.afterUnknown(
        target,
        claim,
        'Something unexpected went wrong while publishing; checking the channel before trying again.',
      );
    }
    this.logger.warn({ ...context, kind: error.kind, networkCode: error.networkCode }, 'Publishing failed');
    if (error instanceof RateLimited) {
      const message = `${network} asked us to slow down; it will be published after ${error.resetAt.toISOString()}.`;
      return this.backToScheduled(target, claim, error.resetAt, 'rate_limited', message);
    }
    if (error instanceof Transient) {
      if (claim.attempt >= this.options.maxAttempts) {
        return this.fail(
          target,
          claim,
          `${network} kept failing (${error.message}) after ${claim.attempt} attempts. Try again later with Retry.`,
        );
      }
      const backoff = retryDelayMs(
        claim.attempt,
        this.options.retryBaseDelayMs,
        this.options.retryMaxDelayMs,
      );
      const at = new Date(Math.max(Date.now() + backoff, error.retryAfter?.getTime() ?? 0));
      return this.backToScheduled(
        target,
        claim,
        at,
        'retry',
        `${network} had a temporary problem (${error.message}); trying again at ${at.toISOString()}.`,
      );
    }
    if (error instanceof OutcomeUnknown) {
      return this.afterUnknown(
        target,
        claim,
        `We could not tell whether ${network} published it (${error.message}); checking the channel before trying again.`,
      );
    }
    if (error instanceof Duplicate) {
      let found: PublishedTargetPart[];
      try {
        found = await this.findOnNetwork(target);
      } catch (readError) {
        return this.afterUnknown(
          target,
          claim,
          `${network} says this was already posted and the channel could not be read back (${describe(readError)}); trying again shortly.`,
        );
      }
      if (found.length === target.parts.length) {
        return this.recordPublished(target, claim, found, 'settled_by_read_back');
      }
      return this.fail(
        target,
        claim,
        `${network} says this exact text was already posted, but it is not among the channel's recent posts. Check the channel; change the text if you want to post it again.`,
      );
    }
    if (error instanceof InvalidContent) {
      return this.fail(target, claim, `${network} refused this post: ${error.message} Edit it, then retry.`);
    }
    if (error instanceof AuthExpired) {
      return this.fail(
        target,
        claim,
        `The ${network} channel ${channel.handle} needs reconnecting: its access has expired or was withdrawn. Reconnect it, then retry this post.`,
      );
    }
    if (error instanceof Permanent) {
      return this.fail(target, claim, `${network} refused this post: ${error.message}`);
    }
    return this.afterUnknown(
      target,
      claim,
      `${network} answered in a way we do not know (${error.message}).`,
    );
  }

  /**
   * Leaves the target in `publishing` under its claim and asks for a read-back soon: never a blind retry. Each
   * further unknown waits longer (the network or its read API may be down); after `2 × maxAttempts` claims a
   * person is asked to look, rather than guessing.
   */
  private async afterUnknown(
    target: PostTarget,
    claim: Claim,
    message: string,
    settleAt?: Date,
  ): Promise<PublishRunOutcome> {
    if (claim.attempt >= this.options.maxAttempts * 2) {
      return this.fail(
        target,
        claim,
        `${message} After ${claim.attempt} tries we still cannot tell whether it went out: check the channel, and retry only if it is not there.`,
      );
    }
    await this.targets.markOutcomeUnknown(target, claim.token, message);
    const wait = Math.max(
      this.options.settleDelayMs,
      retryDelayMs(claim.attempt, this.options.settleDelayMs, this.options.retryMaxDelayMs),
    );
    const at = settleAt ?? new Date(Date.now() + wait);
    await this.scheduler.enqueueSettle(target.id, claim.token, at.getTime() - Date.now());
    return { kind: 'unknown', settleAt: at, reason: message };
  }

  private async backToScheduled(
    target: PostTarget,
    claim: Claim,
    notBefore: Date,
    outcome: 'retry' | 'rate_limited',
    message: string,
  ): Promise<PublishRunOutcome> {
    const row = await this.targets.backToScheduled(target, claim.token, notBefore, outcome, message);
    if (!row) return skipped('a newer claim holds it');
    await this.scheduler.enqueue(row);
    return outcome === 'retry'
      ? { kind: 'retrying', at: notBefore, reason: message }
      : { kind: 'deferred', until: notBefore, reason: message };
  }

  private async fail(target: PostTarget, claim: Claim, message: string): Promise<PublishRunOutcome> {
    const done = target.publishedParts?.length ?? 0;
    const said =
      done > 0 && done < target.parts.length
        ? `The first ${done} of the ${target.parts.length} posts of this thread went out (${target.publishedParts![0].url}); the rest did not. ${message}`
        : message;
    await this.targets.markFailed(target, claim.token, said);
    await this.pair.afterOutcome(target, 'failed');
    return { kind: 'failed', message: said };
  }

  private async recordPublished(
    target: PostTarget,
    claim: Claim,
    parts: PublishedTargetPart[],
    outcome: 'published' | 'settled_by_read_back',
  ): Promise<PublishRunOutcome> {
    const published: PublishedOutcome = { externalId: parts[0].externalId, url: parts[0].url, parts };
    const recorded = await this.targets.markPublished(target, claim.token, published, outcome);
    if (!recorded) {
      this.logger.error(
        { postTargetId: target.id, channelId: target.channelId, externalId: published.externalId },
        'Published, but the target had already left publishing; the attempt keeps the external id',
      );
    } else {
      await this.pair.afterOutcome(target, 'published');
    }
    return {
      kind: 'published',
      externalId: published.externalId,
      url: published.url,
      settledByReadBack: outcome === 'settled_by_read_back',
    };
  }

  /** Sets the waiting target's not-before and queues its job for then; nothing is sent to the network. */
  private async defer(
    target: PostTarget,
    until: Date,
    reason: string,
    now: Date,
  ): Promise<PublishRunOutcome> {
    const row = await this.targets.deferWaiting(target, until);
    if (!row) return skipped('it changed meanwhile');
    await this.scheduler.enqueue(row, now);
    return { kind: 'deferred', until, reason };
  }

  /**
   * What of this target is on the network, read back from the channel's posts since this version's first attempt
   * (less the clock-skew allowance, every page of them up to `readBackLimit`): the parts already known,
   * then, in order, each next part found. The root is a post that is not a reply, matches the first part's
   * fingerprint, was created no earlier than this version's first attempt (less the clock-skew allowance) and is
   * not already recorded for another target (the oldest such post); each later part is a reply to the part
   * before it with the matching fingerprint. Stops at the first part not found.
   */
  private async findOnNetwork(target: PostTarget): Promise<PublishedTargetPart[]> {
    const found: PublishedTargetPart[] = [...(target.publishedParts ?? [])];
    const firstAttempt = (await this.targets.firstAttemptStartedAt(target.id, target.version)) ?? new Date();
    const floor = firstAttempt.getTime() - this.options.readBackSkewMs;
    // Every page back to the first attempt: however many posts went out beside it, this one is among them.
    const posts = await this.connections.call(target.channelId, (adapter, connection) =>
      adapter.readBack(connection, { limit: this.options.readBackLimit, since: new Date(floor) }),
    );
    if (!found.length) {
      const fingerprint = contentFingerprint(target.parts[0]?.text ?? '');
      const candidates = posts.filter(
        (post) =>
          !post.inReplyToExternalId &&
          post.createdAt.getTime() >= floor &&
          contentFingerprint(post.text) === fingerprint,
      );
      const taken = await this.targets.externalIdsHeldByOthers(
        target.channelId,
        target.id,
        candidates.map((post) => post.externalId),
      );
      const root = candidates.filter((post) => !taken.has(post.externalId)).at(-1);
      if (!root) return [];
      found.push({ externalId: root.externalId, url: root.url });
    }
    for (let index = found.length; index < target.parts.length; index++) {
      const parent = found[index - 1].externalId;
      const fingerprint = contentFingerprint(target.parts[index].text);
      const next = posts.find(
        (post) => post.inReplyToExternalId === parent && contentFingerprint(post.text) === fingerprint,
      );
      if (!next) break;
      found.push({ externalId: next.externalId, url: next.url });
    }
    return found;
  }

  private async partsOf(target: PostTarget, parts: PostTarget['parts']): Promise<PostPart[]> {
    const out: PostPart[] = [];
    for (const part of parts) {
      const media = await this.targets.media(target.organisationId, part.mediaIds ?? []);
      out.push({
        text: part.text,
        link: part.link ?? undefined,
        media: media.length
          ? media.map((asset) => ({
              data: asset.data,
              mimeType: asset.mimeType,
              filename: asset.filename,
              altText: asset.altText ?? undefined,
              // Networks that download media themselves (Instagram) fetch it from here; the others ignore it.
              publicUrl: asset.mimeType.startsWith('image/') ? this.mediaUrls.url(asset.id) : undefined,
            }))
          : undefined,
      });
    }
    return out;
  }

  private isMissed(target: PostTarget, now: Date): boolean {
    return (
      target.state === 'scheduled' &&
      !target.publishNow &&
      target.attemptCount === 0 &&
      !target.notBefore &&
      !!target.scheduledAt &&
      now.getTime() - target.scheduledAt.getTime() > this.options.missedAfterMs
    );
  }
}

function reconnectMessage(channel: Channel): string {
  const network = networkName(channel.network);
  return channel.status === 'disabled'
    ? `The ${network} channel ${channel.handle} is switched off: switch it on or choose another channel.`
    : `The ${network} channel ${channel.handle} needs reconnecting: reconnect it, then retry this post.`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
