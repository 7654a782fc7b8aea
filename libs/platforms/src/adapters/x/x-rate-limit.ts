import type { RateLimitState } from '../../port/platform-types';

export type XHeaders = Readonly<Record<string, string | string[] | number | undefined>>;

function header(headers: XHeaders, name: string): number | undefined {
  const raw = headers[name] ?? headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return undefined;
  const parsed = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

function windowOf(headers: XHeaders, prefix: string): RateLimitState | undefined {
  const limit = header(headers, `${prefix}-limit`);
  const remaining = header(headers, `${prefix}-remaining`);
  const reset = header(headers, `${prefix}-reset`);
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return { limit, remaining, resetAt: new Date(reset * 1000) };
}

/**
 * X's rate-limit headers in our one shape. X sends the endpoint's 15-minute window
 * (`x-rate-limit-*`, reset in Unix seconds) and, on writes, 24-hour windows per app and per user
 * (`x-app-limit-24hour-*`, `x-user-limit-24hour-*`). When a 24-hour window is spent it is the one that
 * decides when calling again is useful, so it wins; otherwise the 15-minute window is reported.
 */
export function parseXRateLimit(headers: XHeaders | undefined): RateLimitState | undefined {
  if (!headers) return undefined;
  const window = windowOf(headers, 'x-rate-limit');
  const spentDays = [windowOf(headers, 'x-user-limit-24hour'), windowOf(headers, 'x-app-limit-24hour')]
    .filter((day): day is RateLimitState => day !== undefined && day.remaining === 0)
    .sort((a, b) => b.resetAt.getTime() - a.resetAt.getTime());
  return spentDays[0] ?? window;
}
