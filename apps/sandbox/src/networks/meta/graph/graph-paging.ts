import type { Request } from 'express';
import { invalidParameter } from './graph-error';

export interface PageRequest {
  limit: number;
  /** Return rows strictly after this `seq` (in the list's order). */
  after?: number;
  before?: number;
}

export interface GraphPaging {
  cursors: { before: string; after: string };
  next?: string;
  previous?: string;
}

/** Graph cursors are opaque base64; ours encode the row's sequence number. */
export function encodeCursor(seq: number | string): string {
  return Buffer.from(`seq:${seq}`).toString('base64');
}

function decodeCursor(name: string, cursor: string): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = /^seq:(\d+)$/.exec(text);
  if (!match)
    throw invalidParameter(`Param ${name} is not a valid cursor: use the value from paging.cursors`);
  return Number(match[1]);
}

export function readPageRequest(req: Request, defaultLimit = 25, maxLimit = 100): PageRequest {
  const query = req.query as Record<string, unknown>;
  const rawLimit = typeof query.limit === 'string' ? query.limit : undefined;
  let limit = defaultLimit;
  if (rawLimit !== undefined) {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 0)
      throw invalidParameter('Param limit must be a non-negative integer');
    limit = Math.min(Math.max(limit, 1), maxLimit);
  }
  const after =
    typeof query.after === 'string' && query.after ? decodeCursor('after', query.after) : undefined;
  const before =
    typeof query.before === 'string' && query.before ? decodeCursor('before', query.before) : undefined;
  return { limit, after, before };
}

/**
 * Builds Graph's `paging` object. `next` and `previous` are ABSOLUTE urls on the sandbox's own origin (the
 * SDK's Cursor follows them verbatim) that repeat the request's query, access token included, as Graph does.
 * `next` is left out on the last page.
 */
export function buildPaging(
  req: Request,
  seqs: Array<number | string>,
  hasMore: boolean,
  page: PageRequest,
): GraphPaging | undefined {
  if (seqs.length === 0) return undefined;
  const paging: GraphPaging = {
    cursors: { before: encodeCursor(seqs[0]), after: encodeCursor(seqs[seqs.length - 1]) },
  };
  const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const link = (name: 'after' | 'before', cursor: string): string => {
    const url = new URL(req.originalUrl, origin);
    url.searchParams.delete('after');
    url.searchParams.delete('before');
    url.searchParams.set('limit', String(page.limit));
    url.searchParams.set(name, cursor);
    return url.toString();
  };
  const forward = page.before === undefined;
  if (forward ? hasMore : true) paging.next = link('after', paging.cursors.after);
  if (forward ? page.after !== undefined : hasMore) paging.previous = link('before', paging.cursors.before);
  return paging;
}
