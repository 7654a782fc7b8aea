/**
 * The wait before retrying after a transient error: exponential in the attempt number (base, 2×base, 4×base…),
 * capped, with "equal jitter" (half fixed, half random) so that many targets failing together on one outage do
 * not all come back in the same second, while none comes back sooner than half its step.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
