import type { InboundItem } from '../../port/platform-types';
import type { GraphApi } from './graph-api';
import { type InboundSource, type InboundTask, walkInbound } from './graph-inbound';

/**
 * A stand-in for Graph: `lists` comment lists (one per post or conversation), each answering its items
 * newest first in one page. Graph's times have whole-second precision, so every item here shares one second.
 */
function fakeGraph(listCount: number) {
  const at = '2026-01-02T10:00:00+0000';
  const lists = new Map<string, Array<Record<string, unknown>>>();
  for (let n = 0; n < listCount; n++) lists.set(`post${n}`, [{ id: `post${n}-c0`, created_time: at }]);
  const api = {
    accessToken: 'token',
    async call(_method: string, path: string | string[]) {
      const [id] = Array.isArray(path) ? path : [path];
      return { data: [...(lists.get(id) ?? [])].reverse() };
    },
  } as unknown as GraphApi;
  const source: InboundSource = {
    async tasks() {
      return [...lists.keys()].map((id): InboundTask => ({ edge: 'comments', id }));
    },
    params: () => ({}),
    normalise: (task, raw): InboundItem => ({
      externalId: String(raw.id),
      kind: 'comment',
      threadKey: task.id,
      author: {
        externalId: 'person',
        handle: 'person',
        displayName: 'Person',
        profileUrl: 'https://x.test/',
      },
      text: 'text',
      createdAt: new Date(String(raw.created_time).replace('+0000', 'Z')),
      fromAccount: false,
      raw,
    }),
  };
  const add = (listId: string, id: string) => {
    if (!lists.has(listId)) lists.set(listId, []);
    lists.get(listId)!.push({ id, created_time: at });
  };
  return { api, source, add };
}

async function drain(api: GraphApi, source: InboundSource, cursor: string | null) {
  const items: InboundItem[] = [];
  let fetches = 0;
  for (let hasMore = true; hasMore; fetches++) {
    if (fetches > 20) throw new Error('The walk never said it had caught up');
    const page = await walkInbound(api, source, cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    hasMore = page.hasMore;
  }
  return { items, cursor };
}

describe('walkInbound', () => {
  it('returns every item once and then says it has caught up, even when one walk takes several fetches', async () => {
    const { api, source } = fakeGraph(45);
    const first = await drain(api, source, null);
    expect(new Set(first.items.map((i) => i.externalId)).size).toBe(45);
    expect(first.items).toHaveLength(45);
    const again = await drain(api, source, first.cursor);
    expect(again.items).toEqual([]);
  });

  it('does not say it has caught up when the walk that ends began before new items arrived', async () => {
    const { api, source, add } = fakeGraph(45);
    const first = await drain(api, source, null);
    // A caller stops after one fetch of a walk that needs more (the poller's page cap does this) ...
    const stopped = await walkInbound(api, source, first.cursor);
    expect(stopped.items).toEqual([]);
    expect(stopped.hasMore).toBe(true);
    // ... new items arrive, in the same second as the cursor, on a list the walk has passed and on a new post ...
    add('post0', 'post0-c1');
    add('post45', 'post45-c0');
    // ... and reading on until the adapter says it has caught up returns them.
    const fresh = await drain(api, source, stopped.nextCursor);
    expect(fresh.items.map((i) => i.externalId).sort()).toEqual(['post0-c1', 'post45-c0']);
  });
});
