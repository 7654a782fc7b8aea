import type { RateLimitState } from '../../port/platform-types';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A PDS's RateLimit-Limit/Remaining/Reset (reset in epoch seconds); undefined when any is missing. */
export function parseBlueskyRateLimit(headers: HeaderSource): RateLimitState | undefined {
  const limit = Number(header(headers, 'ratelimit-limit'));
  const remaining = Number(header(headers, 'ratelimit-remaining'));
  const reset = Number(header(headers, 'ratelimit-reset'));
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset) || reset <= 0) {
    return undefined;
  }
  return { limit, remaining, resetAt: new Date(reset * 1000) };
}
