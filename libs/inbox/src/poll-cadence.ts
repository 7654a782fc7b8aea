import type { RateLimitState } from '@outside-in/platforms';

/** Never sooner than this: a busy channel is polled every 15 s (webhooks, where they exist, are quicker). */
export const POLL_MIN_MS = 15_000;
/** A new channel starts at one minute. */
export const POLL_DEFAULT_MS = 60_000;
/** A quiet channel settles at five minutes, so a first message is never waited on for long. */
export const POLL_MAX_MS = 5 * 60_000;
/** Polling may spend at most this share of what is left of a rate-limit window: the rest is for replies. */
export const POLL_BUDGET_SHARE = 0.5;

export interface CadenceInput {
  /** The interval used last time (null for a channel never polled). */
  previousMs: number | null;
  /**
   * Items the poll stored that were new. Repeats do not count: on a channel whose webhooks deliver first, polls
   * only find repeats, and polling then settles at the slow end as the safety net it is there.
   */
  newItems: number;
  /** The network said more was waiting when the poll stopped at its page bound. */
  backlog: boolean;
  /** Platform calls one poll made (pages fetched). */
  calls: number;
  /** What the network's headers said last. */
  rateLimit?: RateLimitState;
  now: Date;
}

/**
 * The delay until the next poll. Busy channels speed up (halving towards POLL_MIN_MS, or at once to it when a
 * backlog is waiting), quiet ones slow down (x1.5 towards POLL_MAX_MS). Whatever that says, polling never goes
 * faster than the rate limit allows: the polls left before the window resets may spend only POLL_BUDGET_SHARE
 * of the remaining calls, and with none to spare the next poll waits for the reset.
 */
export function nextPollDelay(input: CadenceInput): number {
  const previous = input.previousMs ?? POLL_DEFAULT_MS;
  let delay: number;
  if (input.backlog) delay = POLL_MIN_MS;
  else if (input.newItems > 0) delay = Math.max(POLL_MIN_MS, Math.round(previous / 2));
  else delay = Math.min(POLL_MAX_MS, Math.round(previous * 1.5));

  const limit = input.rateLimit;
  if (limit) {
    const untilReset = Math.max(0, limit.resetAt.getTime() - input.now.getTime());
    const callsPerPoll = Math.max(1, input.calls);
    const affordablePolls = Math.floor((limit.remaining * POLL_BUDGET_SHARE) / callsPerPoll);
    const floor = affordablePolls < 1 ? untilReset : Math.ceil(untilReset / affordablePolls);
    delay = Math.max(delay, floor);
  }
  return delay;
}
