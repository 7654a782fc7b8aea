import type { Request } from 'express';
import { buildPaging, GraphPaging, PageRequest } from './graph-paging';

/**
 * Turns `limit + 1` rows fetched for a page of a list into Graph's `{ data, paging }`. Rows fetched
 * backwards (a `before` cursor) come in reverse and are put back in the list's order.
 */
export function graphList<Row extends { seq: string }>(
  req: Request,
  rows: Row[],
  page: PageRequest,
  present: (row: Row) => Record<string, unknown>,
): { data: Record<string, unknown>[]; paging?: GraphPaging } {
  const hasMore = rows.length > page.limit;
  const slice = rows.slice(0, page.limit);
  if (page.before !== undefined) slice.reverse();
  const paging = buildPaging(
    req,
    slice.map((row) => row.seq),
    hasMore,
    page,
  );
  return paging ? { data: slice.map(present), paging } : { data: slice.map(present) };
}
