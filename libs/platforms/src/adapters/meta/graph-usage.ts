import type { RateLimitState } from '../../port/platform-types';

/** When nothing says how long a Graph limit lasts: Meta's usage windows are an hour. */
export const DEFAULT_GRAPH_LIMIT_MINUTES = 60;

type HeaderBag = Record<string, unknown> | { get(name: string): string | null } | null | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value = (headers as { get(name: string): unknown }).get(name);
    if (typeof value === 'string') return value;
  }
  const bag = headers as Record<string, unknown>;
  const value = bag[name] ?? bag[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface UsageEntry {
  percent: number;
  regainMinutes: number;
}

function entry(value: unknown): UsageEntry | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const numbers = ['call_count', 'total_cputime', 'total_time']
    .map((key) => v[key])
    .filter((n): n is number => typeof n === 'number');
  const regain = v.estimated_time_to_regain_access;
  return {
    percent: numbers.length ? Math.max(...numbers) : 0,
    regainMinutes: typeof regain === 'number' ? regain : 0,
  };
}

/** Every usage entry in X-App-Usage and X-Business-Use-Case-Usage (all ids, all types). */
export function usageEntries(headers: HeaderBag): UsageEntry[] {
  const entries: UsageEntry[] = [];
  const app = entry(parseJson(header(headers, 'x-app-usage')));
  if (app) entries.push(app);
  const business = parseJson(header(headers, 'x-business-use-case-usage'));
  if (business && typeof business === 'object') {
    for (const list of Object.values(business as Record<string, unknown>)) {
      for (const item of Array.isArray(list) ? list : []) {
        const parsed = entry(item);
        if (parsed) entries.push(parsed);
      }
    }
  }
  return entries;
}

/**
 * When a rate-limited caller may try again: the longest estimated_time_to_regain_access (minutes) in
 * the usage headers, or an hour when Graph gives no estimate.
 */
export function graphResetAt(headers: HeaderBag, now: Date = new Date()): Date {
  const minutes = Math.max(0, ...usageEntries(headers).map((e) => e.regainMinutes));
  return new Date(now.getTime() + (minutes > 0 ? minutes : DEFAULT_GRAPH_LIMIT_MINUTES) * 60_000);
}

/** Graph reports usage in percent of the limit, so the state is out of 100; null without usage headers. */
export function graphRateLimitState(headers: HeaderBag, now: Date = new Date()): RateLimitState | null {
  const entries = usageEntries(headers);
  if (!entries.length) return null;
  const used = Math.min(100, Math.max(...entries.map((e) => e.percent)));
  return { limit: 100, remaining: 100 - used, resetAt: graphResetAt(headers, now) };
}
