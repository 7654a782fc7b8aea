import type { PublishedPost, ReadBackRequest } from './platform-types';

/** One page of an account's own posts as a network lists them, newest first, and the cursor to the next. */
export interface ReadBackPage {
  posts: PublishedPost[];
  /** The next (older) page's cursor; absent on the last page. */
  next?: string;
}

/**
 * Walks an account's posts newest first for PlatformAdapter.readBack: one page without `since`; with it, page
 * after page until a page reaches back past `since`, the network has no more, or `limit` posts are in hand. A
 * post whose outcome was unknown is then found however many posts went out after it, which one page of the
 * newest cannot promise on a busy channel. `fetchPage` gets the page size (the request's, capped at the
 * network's `largestPage`) and the cursor (absent for the first page).
 */
export async function readBackPages(
  request: ReadBackRequest,
  largestPage: number,
  fetchPage: (size: number, cursor: string | undefined) => Promise<ReadBackPage>,
): Promise<PublishedPost[]> {
  const limit = Math.max(1, request.limit);
  const size = Math.max(1, Math.min(largestPage, request.pageSize ?? largestPage, limit));
  // A page may hold fewer than `size` of the account's own posts (Bluesky's reposts are left out), so the pages
  // are bounded too: a network that keeps handing out cursors cannot keep us here.
  const maxPages = Math.ceil(limit / size) + 1;
  const posts: PublishedPost[] = [];
  for (let pages = 1, cursor: string | undefined; ; pages++) {
    const page = await fetchPage(size, cursor);
    posts.push(...page.posts);
    if (!request.since || !page.next || posts.length >= limit || pages >= maxPages) break;
    if (page.posts.some((post) => post.createdAt < request.since!)) break;
    cursor = page.next;
  }
  return posts.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, limit);
}
