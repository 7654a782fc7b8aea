import type { Request } from 'express';
import { isRecordId } from './mastodon-ids';

/** Mastodon's id-based paging: max_id (older than), since_id (newer than), min_id (just newer than). */
export interface PageParams {
  maxId?: string;
  sinceId?: string;
  minId?: string;
  limit: number;
}

/** Reads paging from the query; non-numeric ids are ignored (Mastodon casts them away too). */
export function pageParams(query: URLSearchParams, defaultLimit: number, maxLimit: number): PageParams {
  const id = (name: string): string | undefined => {
    const value = query.get(name);
    return isRecordId(value) ? value : undefined;
  };
  const rawLimit = Number.parseInt(query.get('limit') ?? '', 10);
  const limit = Number.isFinite(rawLimit) && rawLimit > 0 ? Math.min(rawLimit, maxLimit) : defaultLimit;
  return { maxId: id('max_id'), sinceId: id('since_id'), minId: id('min_id'), limit };
}

/**
 * SQL for one page over a bigint column: conditions starting at parameter $`first`, and the order. With
 * min_id Mastodon walks forward from the cursor (oldest first) and then serves the page newest first.
 */
export function pageSql(
  column: string,
  page: PageParams,
  first: number,
): { where: string[]; params: string[]; order: string; ascending: boolean } {
  const where: string[] = [];
  const params: string[] = [];
  const add = (op: string, value: string): void => {
    params.push(value);
    where.push(`${column} ${op} $${first + params.length - 1}::bigint`);
  };
  if (page.maxId) add('<', page.maxId);
  if (page.sinceId) add('>', page.sinceId);
  if (page.minId) add('>', page.minId);
  const ascending = Boolean(page.minId);
  return { where, params, order: `${column} ${ascending ? 'ASC' : 'DESC'}`, ascending };
}

/** The query string of a request, with Rails-style `key[]` arrays readable through getAll. */
export function requestQuery(req: Request): URLSearchParams {
  const url = req.originalUrl ?? req.url;
  const index = url.indexOf('?');
  return new URLSearchParams(index >= 0 ? url.slice(index + 1) : '');
}

/** Values of a Rails array parameter, given as `types[]=a&types[]=b`, `types=a`, or `types[0]=a`. */
export function arrayParam(query: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (const [key, value] of query) {
    if (key === name || key === `${name}[]` || new RegExp(`^${name}\\[\\d+\\]$`).test(key))
      values.push(value);
  }
  return values;
}

/**
 * Mastodon's `Link` header: rel="next" continues to older items (max_id = the last id of this page),
 * rel="prev" to newer ones (min_id = the first id). Both keep the request's other parameters. None when the
 * page is empty, which is how clients know they have reached the end.
 */
export function linkHeader(
  req: Request,
  origin: string,
  firstId: string | undefined,
  lastId: string | undefined,
): string | null {
  if (!firstId || !lastId) return null;
  const url = req.originalUrl ?? req.url;
  const path = url.split('?')[0];
  const keep = new URLSearchParams();
  for (const [key, value] of requestQuery(req)) {
    if (!['max_id', 'min_id', 'since_id'].includes(key)) keep.append(key, value);
  }
  const build = (cursor: string, id: string): string => {
    const params = new URLSearchParams(keep);
    params.set(cursor, id);
    return `${origin}${path}?${params.toString().replace(/%5B%5D=/g, '[]=')}`;
  };
  return `<${build('max_id', lastId)}>; rel="next", <${build('min_id', firstId)}>; rel="prev"`;
}
