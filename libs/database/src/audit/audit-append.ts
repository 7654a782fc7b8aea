import { randomUUID } from 'node:crypto';
import type { AuditActor } from './audit.service';
import { canonicalJson } from './audit-chain';

/**
 * A summary value the statement itself computes: an SQL expression over the source row (`s.<column>`) that yields
 * an integer, e.g. the attempt count an UPDATE ... RETURNING gave.
 */
export class SqlInteger {
  constructor(readonly expression: string) {}
}

export interface AuditAppendRecord {
  actor: AuditActor;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  summary?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * CTEs that append one audit event to an organisation's chain inside the caller's single statement, so a state
 * change and its event commit together in one round trip with the organisation's row locked only while that
 * statement runs (the publishing engine's hot path; AuditService.record is the general way).
 *
 * `source` names a CTE of the caller's statement with an `organisation_id` column: one event is appended when it
 * has a row (so the event is written only if the change happened), none when it is empty. It must never have
 * two rows. The event hash is the one eventHash (audit-chain.ts) computes, built in SQL from the same canonical
 * JSON: the fields known here are rendered by canonicalJson, the sequence number and the previous hash come from
 * the locked row, the time (to the millisecond, as a Date holds it) is read once the row is locked, so times
 * follow the chain's order as AuditService.record's do, and SqlInteger values come from the source row.
 * `firstParam` is the number of the first `$n` these CTEs may use; `params` are to be appended to the caller's in
 * that order.
 */
export function auditAppendCtes(
  source: string,
  record: AuditAppendRecord,
  firstParam: number,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const sqlValues: string[] = [];
  const nonce = randomUUID();
  const summary = canonicalJson(
    mapValues(record.summary ?? {}, (value) => {
      if (!(value instanceof SqlInteger)) return value;
      sqlValues.push(value.expression);
      return `${nonce}:${sqlValues.length - 1}`;
    }),
  );
  // The canonical summary, with each SqlInteger's expression in the place of its sentinel.
  const pieces = summary.split(new RegExp(`"${nonce}:(\\d+)"`));
  const summarySql = pieces
    .map((piece, i) =>
      i % 2 === 0 ? `${param(piece)}::text` : `(${sqlValues[Number(piece)]})::bigint::text`,
    )
    .join(' || ');
  const middle = `${[
    record.actor.userId,
    record.actor.label,
    record.action,
    record.subjectType,
    record.subjectId ?? null,
  ]
    .map((value) => canonicalJson(value))
    .join(',')},`;
  const tail = `,${canonicalJson(record.ip ?? null)},"`;
  const p = {
    middle: param(middle),
    tail: param(tail),
    actorUserId: param(record.actor.userId),
    actorLabel: param(record.actor.label),
    action: param(record.action),
    subjectType: param(record.subjectType),
    subjectId: param(record.subjectId ?? null),
    ip: param(record.ip ?? null),
  };
  const sql = `
  audit_head AS (
    SELECT o.id, o.audit_head_seq + 1 AS seq, o.audit_head_hash AS prev_hash, (${summarySql}) AS summary
      FROM organisation o JOIN ${source} s ON o.id = s.organisation_id
       FOR NO KEY UPDATE OF o),
  audit_timed AS (
    SELECT h.*, date_trunc('milliseconds', clock_timestamp()) AS created_at FROM audit_head h),
  audit_hashed AS (
    SELECT t.*, encode(sha256(convert_to(
             '["' || t.id::text || '","' || t.seq::text || '",' || ${p.middle}::text || t.summary || ${p.tail}::text
               || to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","'
               || t.prev_hash || '"]', 'UTF8')), 'hex') AS hash
      FROM audit_timed t),
  audit_inserted AS (
    INSERT INTO audit_event (organisation_id, seq, actor_user_id, actor_label, action, subject_type, subject_id,
                             summary, ip, created_at, prev_hash, hash)
    SELECT id, seq, ${p.actorUserId}::uuid, ${p.actorLabel}, ${p.action}, ${p.subjectType}, ${p.subjectId},
           summary::jsonb, ${p.ip}, created_at, prev_hash, hash
      FROM audit_hashed),
  audit_new_head AS (
    UPDATE organisation o SET audit_head_seq = a.seq, audit_head_hash = a.hash
      FROM audit_hashed a WHERE o.id = a.id)`;
  return { sql, params };
}

function mapValues(
  object: Record<string, unknown>,
  map: (value: unknown) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
}
