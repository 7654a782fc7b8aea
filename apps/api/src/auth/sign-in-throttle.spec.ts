import { describeWait, LOCK_AFTER, nextAttemptAfterFailure } from './sign-in-throttle';

describe('sign-in throttle', () => {
  const now = new Date('2026-11-27T10:00:00Z');

  it('lets the first three mistakes through without waiting', () => {
    expect(nextAttemptAfterFailure(1, now)).toBeNull();
    expect(nextAttemptAfterFailure(2, now)).toBeNull();
  });

  it('doubles the wait after that', () => {
    const waits = [3, 4, 5, 6].map((n) => nextAttemptAfterFailure(n, now)!.getTime() - now.getTime());
    expect(waits).toEqual([2000, 4000, 8000, 16000]);
  });

  it('locks for fifteen minutes after ten failures', () => {
    expect(nextAttemptAfterFailure(LOCK_AFTER, now)!.getTime() - now.getTime()).toBe(15 * 60_000);
    expect(describeWait(LOCK_AFTER, 15 * 60_000)).toMatch(/locked for 15 minutes after 10 failed attempts/);
    expect(describeWait(4, 3500)).toBe(
      'Too many failed sign-ins for this email. Wait 4 seconds and try again.',
    );
  });
});
