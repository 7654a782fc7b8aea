import { sha256Hex } from '@outside-in/common';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  organisationId: string;
  seq: string | number;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  summary: unknown;
  ip: string | null;
  createdAt: Date;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so the hash does not depend on how jsonb reorders keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

/** The hash of one event: its own fields and the previous event's hash. */
export function eventHash(fields: ChainedFields): string {
  return sha256Hex(
    canonicalJson([
      fields.organisationId,
      String(fields.seq),
      fields.actorUserId,
      fields.actorLabel,
      fields.action,
      fields.subjectType,
      fields.subjectId,
      fields.summary,
      fields.ip,
      fields.createdAt.toISOString(),
      fields.prevHash,
    ]),
  );
}

export interface ChainProblem {
  seq: string;
  problem: string;
}

/**
 * Walks an organisation's events in sequence order and reports every break: a gap (a deleted
 * event), a hash that does not match the event's content (an edited event), a link to the
 * wrong predecessor, or a head that does not match the last event (a deleted tail).
 */
export function verifyChain(
  events: Array<ChainedFields & { hash: string }>,
  head: { seq: string; hash: string },
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let expectedSeq = 1n;
  let previousHash = GENESIS_HASH;
  for (const event of events) {
    const seq = BigInt(event.seq);
    if (seq !== expectedSeq) {
      problems.push({
        seq: String(expectedSeq),
        problem:
          seq > expectedSeq
            ? `event ${expectedSeq}${seq - expectedSeq > 1n ? ` to ${seq - 1n}` : ''} is missing (deleted)`
            : `event ${seq} appears twice`,
      });
    }
    if (event.prevHash !== previousHash) {
      problems.push({ seq: String(seq), problem: `event ${seq} does not link to the event before it` });
    }
    if (eventHash(event) !== event.hash) {
      problems.push({ seq: String(seq), problem: `event ${seq} was changed after it was written` });
    }
    previousHash = event.hash;
    expectedSeq = seq + 1n;
  }
  const lastSeq = expectedSeq - 1n;
  if (BigInt(head.seq) !== lastSeq || (lastSeq > 0n && head.hash !== previousHash)) {
    problems.push({
      seq: head.seq,
      problem:
        BigInt(head.seq) > lastSeq
          ? `the latest event(s) after ${lastSeq} up to ${head.seq} are missing (deleted)`
          : `the log does not end where the organisation's record says it should (event ${head.seq})`,
    });
  }
  return problems;
}
