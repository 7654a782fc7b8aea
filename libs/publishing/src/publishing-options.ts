/** The engine's timings and limits; tests shorten them, production keeps the defaults. */
export interface PublishingOptions {
  /** Claims of one version before a target that keeps failing transiently is `failed`. */
  maxAttempts: number;
  /** First retry delay after a transient error; doubles per attempt, with jitter, up to retryMaxDelayMs. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** How long after an unknown outcome the settle job reads back (networks index new posts within seconds). */
  settleDelayMs: number;
  /** While its call is in flight, a worker renews its claim this often, so a live claim never looks stuck. */
  heartbeatMs: number;
  /**
   * A claim not renewed for this long is stuck (its worker died) and is settled by reading back. Several
   * heartbeats long, so a busy database or a slow tick does not make a live claim look dead.
   */
  stuckAfterMs: number;
  /** A target found this long past due, never attempted and not "publish now", is `missed`. */
  missedAfterMs: number;
  /**
   * At most this many posts read back to settle an unknown outcome. The read-back pages back to the first
   * attempt (less `readBackSkewMs`), so this bounds only a channel that posts hundreds in those minutes.
   */
  readBackLimit: number;
  /**
   * Posts of one channel in flight at once (checked before each claim, so a burst may pass it by a few): keeps
   * one channel's backlog from taking every worker slot, and the read-back of an unknown outcome short.
   */
  maxInFlightPerChannel: number;
  /** Posts created this long before the first attempt still count as a match (clocks differ). */
  readBackSkewMs: number;
  /** How long a held (paused) target waits before it is looked at again. */
  holdRecheckMs: number;
}

export const DEFAULT_PUBLISHING_OPTIONS: PublishingOptions = {
  maxAttempts: 5,
  retryBaseDelayMs: 30_000,
  retryMaxDelayMs: 15 * 60_000,
  settleDelayMs: 15_000,
  heartbeatMs: 10_000,
  stuckAfterMs: 60_000,
  missedAfterMs: 15 * 60_000,
  readBackLimit: 500,
  maxInFlightPerChannel: 8,
  readBackSkewMs: 5 * 60_000,
  holdRecheckMs: 60_000,
};

export const PUBLISHING_OPTIONS = Symbol('PUBLISHING_OPTIONS');
