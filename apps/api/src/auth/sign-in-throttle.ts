/**
 * The rule for repeated failed sign-ins to one e-mail address, as pure arithmetic so it can be
 * unit-tested: the first few mistakes are free, then each further failure doubles the wait
 * (2 s, 4 s, 8 s ...), and after LOCK_AFTER failures the address is locked for LOCK_MINUTES.
 * A quiet hour forgets the failures.
 */
export const FREE_FAILURES = 3;
export const LOCK_AFTER = 10;
export const LOCK_MINUTES = 15;
export const FORGET_AFTER_MS = 60 * 60_000;

export function nextAttemptAfterFailure(failures: number, now: Date): Date | null {
  if (failures >= LOCK_AFTER) return new Date(now.getTime() + LOCK_MINUTES * 60_000);
  if (failures < FREE_FAILURES) return null;
  return new Date(now.getTime() + 2 ** (failures - FREE_FAILURES + 1) * 1000);
}

export function describeWait(failures: number, waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  if (failures >= LOCK_AFTER) {
    const minutes = Math.ceil(seconds / 60);
    return `Sign-in for this email is locked for ${minutes} minute${minutes === 1 ? '' : 's'} after ${failures} failed attempts. Try again after that; if you have forgotten your password, ask an admin of your organisation.`;
  }
  return `Too many failed sign-ins for this email. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`;
}
