import { Permanent } from '../../port/platform-errors';

/** Where one sweep through a timeline stands. */
export interface XSweep {
  /** Items with ids above this were not yet delivered (null: from what X still serves). */
  since: string | null;
  /** The next page of the sweep in progress. */
  token?: string;
  /** The newest id seen in the sweep in progress: becomes `since` when it ends. */
  top?: string;
}

/**
 * The inbound position of an X channel: mentions (X pages them newest first with pagination_token and
 * filters with since_id) and DM events (no since_id on X, so a sweep stops at the first known event).
 */
export interface XInboundCursor {
  v: 1;
  mentions: XSweep;
  dms: XSweep;
}

export function initialCursor(): XInboundCursor {
  return { v: 1, mentions: { since: null }, dms: { since: null } };
}

export function encodeCursor(cursor: XInboundCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

const ID = /^\d{1,19}$/;
function validSweep(value: unknown): value is XSweep {
  if (typeof value !== 'object' || value === null) return false;
  const sweep = value as Record<string, unknown>;
  return (
    (sweep.since === null || (typeof sweep.since === 'string' && ID.test(sweep.since))) &&
    (sweep.token === undefined || typeof sweep.token === 'string') &&
    (sweep.top === undefined || (typeof sweep.top === 'string' && ID.test(sweep.top)))
  );
}

export function decodeCursor(cursor: string | null): XInboundCursor {
  if (cursor === null) return initialCursor();
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<XInboundCursor>;
    if (parsed.v === 1 && validSweep(parsed.mentions) && validSweep(parsed.dms))
      return parsed as XInboundCursor;
  } catch {
    // Reported below.
  }
  throw new Permanent('x', `Not an X inbound cursor: "${cursor.slice(0, 40)}". Pass null to start again.`);
}

/** Compares X ids (snowflakes beyond 2^53) numerically. */
export function idAbove(id: string, floor: string | null | undefined): boolean {
  return !floor || BigInt(id) > BigInt(floor);
}

export function maxId(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

/** A sweep whose page just came back: carries on with `nextToken`, or ends and moves `since` up. */
export function advanceSweep(
  sweep: XSweep,
  pageTop: string | undefined,
  nextToken: string | undefined,
): XSweep {
  const top = maxId(sweep.top, pageTop) ?? undefined;
  if (nextToken) return { since: sweep.since, token: nextToken, top };
  return { since: maxId(sweep.since, top) };
}

export function sweepInProgress(sweep: XSweep): boolean {
  return sweep.token !== undefined;
}
