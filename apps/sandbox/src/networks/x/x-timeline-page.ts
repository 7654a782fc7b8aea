import type { Response } from 'express';
import { encodePageToken, PageCursor } from './x-pagination';
import { XPresenter } from './x-presenter';
import { sendJson } from './x-problem';
import { TweetRenderOptions } from './x-query';
import { XTweetRow } from './x-rows';
import { TimelineWindow } from './x.repository';

/** `meta` of a timeline page, as X writes it (only result_count on an empty page). */
export interface TimelineMeta {
  result_count: number;
  newest_id?: string;
  oldest_id?: string;
  next_token?: string;
  previous_token?: string;
}

/** Turns a decoded pagination token into the id bound of the page to read. */
export function windowFor(
  cursor: PageCursor | undefined,
  limit: number,
  base: Partial<TimelineWindow> = {},
): TimelineWindow {
  return {
    ...base,
    limit,
    ...(cursor?.direction === 'next' ? { before: cursor.bound } : {}),
    ...(cursor?.direction === 'previous' ? { after: cursor.bound } : {}),
  };
}

/**
 * Cuts the limit+1 rows the repository read (newest first) into one page and its tokens: next_token when older
 * items remain, previous_token on every page reached through a token.
 */
export function cutPage<T extends { id: string }>(
  rows: T[],
  limit: number,
  cursor: PageCursor | undefined,
  withIds = true,
): { items: T[]; meta: TimelineMeta } {
  const more = rows.length > limit;
  const backwards = cursor?.direction === 'previous';
  const items = backwards ? rows.slice(more ? rows.length - limit : 0) : rows.slice(0, limit);
  const meta: TimelineMeta = { result_count: items.length };
  if (!items.length) return { items, meta };
  const newest = String(items[0].id);
  const oldest = String(items[items.length - 1].id);
  if (withIds) {
    meta.newest_id = newest;
    meta.oldest_id = oldest;
  }
  if (backwards ? true : more) meta.next_token = encodePageToken({ direction: 'next', bound: oldest });
  if (backwards ? more : Boolean(cursor))
    meta.previous_token = encodePageToken({ direction: 'previous', bound: newest });
  return { items, meta };
}

/** Writes a page of posts: no `data` key at all on an empty page, as X does. */
export async function sendTweetPage(
  res: Response,
  presenter: XPresenter,
  page: { items: XTweetRow[]; meta: TimelineMeta },
  options: TweetRenderOptions,
): Promise<void> {
  if (!page.items.length) {
    sendJson(res, 200, { meta: page.meta });
    return;
  }
  const rendered = await presenter.tweets(page.items, options);
  sendJson(res, 200, {
    data: rendered.data,
    ...(rendered.includes ? { includes: rendered.includes } : {}),
    ...(rendered.errors?.length ? { errors: rendered.errors } : {}),
    meta: page.meta,
  });
}
