const MAX_BIGINT = 2n ** 63n - 1n;

/**
 * Whether a path or body id can name a Mastodon record: decimal digits that fit Postgres' bigint. Anything
 * else names nothing (404 or "not found"), instead of reaching the database and failing there.
 */
export function isRecordId(id: unknown): id is string {
  return typeof id === 'string' && /^\d{1,19}$/.test(id) && BigInt(id) <= MAX_BIGINT;
}
