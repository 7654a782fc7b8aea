import type { InboundAuthor, InboundItem } from '../../port/platform-types';
import type { GraphApi } from '../meta/graph-api';
import type { InboundSource, InboundTask } from '../meta/graph-inbound';
import { parseGraphTime } from '../meta/graph-time';

const RECENT_POSTS = 10;
const RECENT_CONVERSATIONS = 25;
const PAGE_SIZE = 25;
const MAX_CONVERSATION_PAGES = 20;

interface GraphPerson {
  id?: string;
  name?: string;
}

function author(from: unknown): InboundAuthor {
  const person = (from ?? {}) as GraphPerson;
  const id = person.id ?? 'unknown';
  const name = person.name ?? 'Facebook user';
  return { externalId: id, handle: name, displayName: name, profileUrl: `https://www.facebook.com/${id}` };
}

/** The other participant of a page's one-to-one conversation, from a message's `from` and `to`. */
export function counterpart(raw: Record<string, unknown>, accountId: string, fallback: string): string {
  const from = (raw.from as { id?: string } | undefined)?.id;
  if (from && from !== accountId) return from;
  const to = ((raw.to as { data?: Array<{ id?: string }> } | undefined)?.data ?? []).find(
    (person) => person.id && person.id !== accountId,
  );
  return to?.id ?? fallback;
}

interface GraphList {
  data?: Array<Record<string, unknown>>;
  paging?: { next?: string };
}

/** Comments on the page's recent posts and its Messenger conversations, as one inbound stream. */
export function facebookInbound(pageId: string): InboundSource {
  return {
    async tasks(api: GraphApi, since: Date | null): Promise<InboundTask[]> {
      const posts = (await api.call('GET', [pageId, 'feed'], {
        fields: 'id,updated_time',
        limit: RECENT_POSTS,
      })) as GraphList;
      const changed = (c: Record<string, unknown>) =>
        !since || !c.updated_time || parseGraphTime(c.updated_time).getTime() >= since.getTime();
      // Conversations come newest first: page until one is older than the cursor (bounded).
      const conversations: Array<Record<string, unknown>> = [];
      let list = (await api.call('GET', [pageId, 'conversations'], {
        platform: 'messenger',
        fields: 'id,updated_time',
        limit: RECENT_CONVERSATIONS,
      })) as GraphList;
      for (let pages = 1; ; pages++) {
        const data = list.data ?? [];
        conversations.push(...data.filter(changed));
        if (!list.paging?.next || pages >= MAX_CONVERSATION_PAGES || data.some((c) => !changed(c))) break;
        list = (await api.call('GET', list.paging.next)) as GraphList;
      }
      return [
        ...(posts.data ?? []).map((p): InboundTask => ({ edge: 'comments', id: String(p.id) })),
        ...conversations.map((c): InboundTask => ({ edge: 'messages', id: String(c.id) })),
      ];
    },
    params(task) {
      return task.edge === 'comments'
        ? {
            fields: 'id,message,from,created_time,parent,permalink_url',
            filter: 'stream',
            order: 'chronological',
            limit: PAGE_SIZE,
          }
        : { fields: 'id,message,from,to,created_time', limit: PAGE_SIZE };
    },
    normalise(task, raw): InboundItem {
      const from = author(raw.from);
      const text = typeof raw.message === 'string' ? raw.message : '';
      if (task.edge === 'messages') {
        return {
          externalId: String(raw.id),
          kind: 'direct_message',
          // The person's id, not the Graph conversation id: Messenger webhooks carry no conversation id, and
          // both paths must put a message in the same thread (a page's conversation is with one person).
          threadKey: counterpart(raw, pageId, task.id),
          author: from,
          text,
          createdAt: parseGraphTime(raw.created_time),
          fromAccount: from.externalId === pageId,
          raw,
        };
      }
      const parent = (raw.parent as { id?: string } | undefined)?.id;
      return {
        externalId: String(raw.id),
        kind: 'comment',
        threadKey: task.id,
        inReplyToExternalId: parent ?? task.id,
        author: from,
        text,
        createdAt: parseGraphTime(raw.created_time),
        url: typeof raw.permalink_url === 'string' ? raw.permalink_url : undefined,
        fromAccount: from.externalId === pageId,
        raw,
      };
    },
  };
}
