import type { PublishedPost } from './platform-types';
import { readBackPages, type ReadBackPage } from './read-back-pages';

/** An account whose posts were made one a minute, newest first, served `size` a page by offset cursors. */
function account(count: number, newest = new Date('2026-11-27T12:00:00Z')) {
  const posts: PublishedPost[] = Array.from({ length: count }, (_, n) => ({
    externalId: `p${n}`,
    url: `https://example.test/p${n}`,
    text: `post ${n}`,
    createdAt: new Date(newest.getTime() - n * 60_000),
  }));
  const requests: Array<{ size: number; cursor?: string }> = [];
  const fetchPage = (size: number, cursor: string | undefined): Promise<ReadBackPage> => {
    requests.push({ size, cursor });
    const from = Number(cursor ?? 0);
    const next = from + size < posts.length ? String(from + size) : undefined;
    return Promise.resolve({ posts: posts.slice(from, from + size), next });
  };
  return { posts, requests, fetchPage };
}

describe('readBackPages', () => {
  it('reads one page of the newest without a time to reach back to', async () => {
    const { requests, fetchPage } = account(50);
    const posts = await readBackPages({ limit: 100, pageSize: 10 }, 40, fetchPage);
    expect(posts.map((p) => p.externalId)).toEqual(Array.from({ length: 10 }, (_, n) => `p${n}`));
    expect(requests).toEqual([{ size: 10, cursor: undefined }]);
  });

  it('pages back until a page reaches past `since`, and no further', async () => {
    const { requests, fetchPage } = account(50);
    // Posts p0..p24 are at or after `since`; the third page (p20..p29) reaches past it.
    const since = new Date('2026-11-27T11:36:00Z');
    const posts = await readBackPages({ limit: 100, pageSize: 10, since }, 40, fetchPage);
    expect(posts).toHaveLength(30);
    expect(requests.map((r) => r.cursor)).toEqual([undefined, '10', '20']);
  });

  it('caps the page size at the network’s largest and the total at `limit`', async () => {
    const { requests, fetchPage } = account(500);
    const posts = await readBackPages({ limit: 90, since: new Date(0) }, 40, fetchPage);
    expect(posts).toHaveLength(90);
    expect(requests.every((r) => r.size === 40)).toBe(true);
    expect(requests).toHaveLength(3);
  });

  it('stops on the last page, and when a network keeps handing out cursors for empty pages', async () => {
    const { fetchPage } = account(12);
    expect(await readBackPages({ limit: 100, pageSize: 5, since: new Date(0) }, 40, fetchPage)).toHaveLength(
      12,
    );
    let calls = 0;
    const endless = (): Promise<ReadBackPage> => {
      calls++;
      return Promise.resolve({ posts: [], next: 'again' });
    };
    expect(await readBackPages({ limit: 20, pageSize: 5, since: new Date(0) }, 40, endless)).toEqual([]);
    expect(calls).toBeLessThanOrEqual(5);
  });

  it('returns the posts newest first whatever order the pages came in', async () => {
    const { posts } = account(4);
    const shuffled = [posts[2], posts[0], posts[3], posts[1]];
    const result = await readBackPages({ limit: 10 }, 40, () => Promise.resolve({ posts: shuffled }));
    expect(result.map((p) => p.externalId)).toEqual(['p0', 'p1', 'p2', 'p3']);
  });
});
