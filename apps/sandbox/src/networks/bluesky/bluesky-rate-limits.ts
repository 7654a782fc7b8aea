import type { RateLimitRule } from '../../core/rate-limiter';

/**
 * The PDS's own limits (packages/pds rate-limits): a global 3000 calls per 5 minutes, repo writes of 5000
 * points an hour and 35 000 a day (a create costs 3 points, a delete 1), and createSession 30 per 5 minutes
 * and 300 a day per identifier. Tests and the demo can override them through /_sandbox/rate-limits.
 */
export const BLUESKY_RATE_LIMITS: Record<string, RateLimitRule> = {
  global: { limit: 3000, windowSeconds: 300 },
  'repo-write-hour': { limit: 5000, windowSeconds: 3600 },
  'repo-write-day': { limit: 35_000, windowSeconds: 86_400 },
  'create-session-5min': { limit: 30, windowSeconds: 300 },
  'create-session-day': { limit: 300, windowSeconds: 86_400 },
};

export const CREATE_POINTS = 3;
export const DELETE_POINTS = 1;
