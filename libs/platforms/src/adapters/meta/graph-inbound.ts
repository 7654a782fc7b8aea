import type { InboundItem, InboundPage } from '../../port/platform-types';
import type { GraphApi } from './graph-api';

/** One list to walk: a post's comments or a conversation's messages, with Graph's next page if any. */
export interface InboundTask {
  edge: 'comments' | 'messages';
  /** The post, media or conversation whose edge is listed. */
  id: string;
  /** Graph's absolute paging.next, without the access token (cursors are stored; tokens must not be). */
  next?: string;
}

/** What a network tells the walker: where inbound lives and how one Graph item becomes an InboundItem. */
export interface InboundSource {
  /** The lists to walk this time: comments of recent posts, conversations updated since `since`. */
  tasks(api: GraphApi, since: Date | null): Promise<InboundTask[]>;
  params(task: InboundTask): Record<string, unknown>;
  normalise(task: InboundTask, raw: Record<string, unknown>): InboundItem;
}

interface WalkCursor {
  v: 1;
  /** Items at or after this time are new; `seen` are the ids already returned at exactly this time. */
  since: string | null;
  seen: string[];
  /** The walk in progress (null: start one on the next fetch). */
  tasks: InboundTask[] | null;
  high: string | null;
  highSeen: string[];
  /** Items this walk has returned so far. */
  found?: number;
  /**
   * This walk re-checks after a quiet walk that began in an earlier fetch (set on the finished cursor
   * that starts it, and kept while it is in progress).
   */
  recheck?: boolean;
}

const ITEMS_PER_FETCH = 50;
const CALLS_PER_FETCH = 30;

export function decodeCursor(cursor: string | null): WalkCursor {
  const empty: WalkCursor = { v: 1, since: null, seen: [], tasks: null, high: null, highSeen: [] };
  if (!cursor) return empty;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as WalkCursor;
    return parsed.v === 1 ? parsed : empty;
  } catch {
    return empty;
  }
}

function encodeCursor(cursor: WalkCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function withoutToken(next: string): string {
  const url = new URL(next);
  url.searchParams.delete('access_token');
  return url.toString();
}

function withToken(next: string, token: string): string {
  const url = new URL(next);
  url.searchParams.set('access_token', token);
  return url.toString();
}

interface GraphList {
  data?: Array<Record<string, unknown>>;
  paging?: { next?: string };
}

/**
 * Walks the lists a source names, one Graph page per call, following Graph's absolute paging.next,
 * and returns at most about ITEMS_PER_FETCH new items per fetch. The cursor keeps the walk in progress
 * and, once it is done, the newest time seen, so the next walk returns only what came after. hasMore
 * stays true until a whole walk finds nothing new.
 */
export async function walkInbound(
  api: GraphApi,
  source: InboundSource,
  cursorText: string | null,
): Promise<InboundPage> {
  const cursor = decodeCursor(cursorText);
  const since = cursor.since ? new Date(cursor.since) : null;
  const tasks = cursor.tasks ?? (await source.tasks(api, since));
  let high = cursor.high ? new Date(cursor.high) : since;
  let highSeen = cursor.tasks ? cursor.highSeen : [...cursor.seen];
  const items: InboundItem[] = [];
  let calls = 0;
  while (tasks.length && items.length < ITEMS_PER_FETCH && calls < CALLS_PER_FETCH) {
    const task = tasks.shift() as InboundTask;
    calls += 1;
    const list = (await (task.next
      ? api.call('GET', withToken(task.next, api.accessToken))
      : api.call('GET', [task.id, task.edge], source.params(task)))) as GraphList;
    if (list.paging?.next) tasks.unshift({ ...task, next: withoutToken(list.paging.next) });
    for (const raw of list.data ?? []) {
      const item = source.normalise(task, raw);
      const at = item.createdAt.getTime();
      if (
        since &&
        (at < since.getTime() || (at === since.getTime() && cursor.seen.includes(item.externalId)))
      ) {
        continue;
      }
      items.push(item);
      if (!high || at > high.getTime()) {
        high = item.createdAt;
        highSeen = [item.externalId];
      } else if (at === high.getTime()) {
        highSeen.push(item.externalId);
      }
    }
  }
  const done = tasks.length === 0;
  const found = (cursor.tasks ? (cursor.found ?? 0) : 0) + items.length;
  const recheck = cursor.recheck === true;
  // A walk lists posts and conversations at its start: what arrived later on lists it had already
  // passed, or on posts and conversations it never listed, is only found by the next walk. So:
  // - a walk that found something: there may be more;
  // - a quiet walk begun in this fetch: caught up as of this call;
  // - a quiet walk begun in an earlier fetch: caught up only as of that fetch, and a caller may have
  //   stopped there (the poller's page cap; new items then arrive) and come back. One more walk, begun
  //   now, settles it; if that one is quiet too the inbox is caught up, even when it also needs several
  //   fetches (many conversations changed in the cursor's second), so the walks always end.
  const quietButStale = done && found === 0 && cursor.tasks !== null && !recheck;
  const next: WalkCursor = done
    ? {
        v: 1,
        since: high?.toISOString() ?? null,
        seen: highSeen,
        tasks: null,
        high: null,
        highSeen: [],
        ...(quietButStale ? { recheck: true } : {}),
      }
    : { ...cursor, tasks, high: high?.toISOString() ?? null, highSeen, found };
  return { items, nextCursor: encodeCursor(next), hasMore: !done || found > 0 || quietButStale };
}
