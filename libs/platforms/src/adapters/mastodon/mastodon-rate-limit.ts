import type { RateLimitState } from '../../port/platform-types';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Mastodon's X-RateLimit-* headers. Unlike most networks the reset is an ISO 8601 timestamp, not epoch
 * seconds; undefined when any header is missing or unreadable.
 */
export function parseMastodonRateLimit(headers: HeaderSource): RateLimitState | undefined {
  const limit = Number(header(headers, 'x-ratelimit-limit'));
  const remaining = Number(header(headers, 'x-ratelimit-remaining'));
  const reset = Date.parse(header(headers, 'x-ratelimit-reset') ?? '');
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || Number.isNaN(reset)) return undefined;
  return { limit, remaining, resetAt: new Date(reset) };
}
