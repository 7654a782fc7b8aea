/**
 * Postgres advisory locks that keep a legal hold and the retention purge from passing each other.
 *
 * A purge batch takes the organisation's hold lock exclusively for its transaction; placing a hold takes it
 * shared. So a hold either commits before a batch starts (the batch's statements, each with a fresh READ
 * COMMITTED snapshot taken after the lock, see it and keep what it covers) or waits until the batch has
 * committed. Without this, a hold placed while a batch is running could be missed by that batch.
 *
 * A purge run also takes a session-level lock per organisation (try, never wait), so two workers running the
 * repeating job at once purge each organisation once: the second finds it taken and moves on.
 */
export const HOLD_LOCK_SQL = {
  exclusive: `SELECT pg_advisory_xact_lock(hashtext('records.hold'), hashtext($1))`,
  shared: `SELECT pg_advisory_xact_lock_shared(hashtext('records.hold'), hashtext($1))`,
} as const;

export const PURGE_RUN_LOCK_SQL = {
  tryLock: `SELECT pg_try_advisory_lock(hashtext('records.purge-run'), hashtext($1)) AS locked`,
  unlock: `SELECT pg_advisory_unlock(hashtext('records.purge-run'), hashtext($1))`,
} as const;
