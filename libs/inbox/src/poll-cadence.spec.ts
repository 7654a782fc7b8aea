import { nextPollDelay, POLL_DEFAULT_MS, POLL_MAX_MS, POLL_MIN_MS } from './poll-cadence';

const now = new Date('2026-11-27T12:00:00Z');

describe('nextPollDelay', () => {
  it('starts a new channel from the default and slows down while it is quiet, up to the maximum', () => {
    expect(nextPollDelay({ previousMs: null, newItems: 0, backlog: false, calls: 1, now })).toBe(
      POLL_DEFAULT_MS * 1.5,
    );
    let delay = POLL_DEFAULT_MS;
    for (let i = 0; i < 10; i++)
      delay = nextPollDelay({ previousMs: delay, newItems: 0, backlog: false, calls: 1, now });
    expect(delay).toBe(POLL_MAX_MS);
  });

  it('speeds up while items arrive, never below the minimum, and goes straight to it with a backlog', () => {
    expect(nextPollDelay({ previousMs: POLL_MAX_MS, newItems: 3, backlog: false, calls: 1, now })).toBe(
      POLL_MAX_MS / 2,
    );
    expect(nextPollDelay({ previousMs: 20_000, newItems: 3, backlog: false, calls: 1, now })).toBe(
      POLL_MIN_MS,
    );
    expect(nextPollDelay({ previousMs: POLL_MAX_MS, newItems: 50, backlog: true, calls: 5, now })).toBe(
      POLL_MIN_MS,
    );
  });

  it('never polls faster than half the remaining rate limit allows before the reset', () => {
    // 15 minutes left, 10 calls left, 1 call per poll: at most 5 polls, so one every 3 minutes.
    const resetAt = new Date(now.getTime() + 15 * 60_000);
    expect(
      nextPollDelay({
        previousMs: POLL_MIN_MS,
        newItems: 9,
        backlog: true,
        calls: 1,
        rateLimit: { limit: 75, remaining: 10, resetAt },
        now,
      }),
    ).toBe(3 * 60_000);
  });

  it('waits for the reset when the window has no calls to spare', () => {
    const resetAt = new Date(now.getTime() + 12 * 60_000);
    expect(
      nextPollDelay({
        previousMs: POLL_MIN_MS,
        newItems: 0,
        backlog: false,
        calls: 2,
        rateLimit: { limit: 75, remaining: 3, resetAt },
        now,
      }),
    ).toBe(12 * 60_000);
  });

  it('is not slowed by a generous limit', () => {
    const resetAt = new Date(now.getTime() + 15 * 60_000);
    expect(
      nextPollDelay({
        previousMs: 40_000,
        newItems: 2,
        backlog: false,
        calls: 1,
        rateLimit: { limit: 900, remaining: 880, resetAt },
        now,
      }),
    ).toBe(20_000);
  });

  it('counts only new items as busy: a channel whose webhooks came first is polled slowly', () => {
    expect(nextPollDelay({ previousMs: 60_000, newItems: 0, backlog: false, calls: 1, now })).toBe(90_000);
  });
});
