import type { InboundAuthor, InboundItem } from '../../port/platform-types';
import type { GraphApi } from '../meta/graph-api';
import type { InboundSource, InboundTask } from '../meta/graph-inbound';
import { counterpart } from '../facebook/facebook-inbound';
import { parseGraphTime } from '../meta/graph-time';

const RECENT_MEDIA = 10;
const RECENT_CONVERSATIONS = 25;
const MAX_CONVERSATION_PAGES = 20;
const PAGE_SIZE = 25;

interface GraphList {
  data?: Array<Record<string, unknown>>;
  paging?: { next?: string };
}

interface IgPerson {
  id?: string;
  username?: string;
  name?: string;
}

function author(raw: Record<string, unknown>): InboundAuthor {
  const from = (raw.from ?? {}) as IgPerson;
  const id = from.id ?? 'unknown';
  const username =
    from.username ?? (typeof raw.username === 'string' ? raw.username : undefined) ?? from.name ?? id;
  return {
    externalId: id,
    handle: username,
    displayName: from.name ?? username,
    profileUrl: `https://www.instagram.com/${encodeURIComponent(username)}/`,
  };
}

/**
 * Comments on the account's recent media, and, when the linked page is known, its Instagram Direct
 * conversations (served through the page, platform=instagram).
 */
export function instagramInbound(igUserId: string, pageId: string | undefined): InboundSource {
  return {
    async tasks(api: GraphApi, since: Date | null): Promise<InboundTask[]> {
      const media = (await api.call('GET', [igUserId, 'media'], {
        fields: 'id,timestamp',
        limit: RECENT_MEDIA,
      })) as GraphList;
      const tasks = (media.data ?? []).map((m): InboundTask => ({ edge: 'comments', id: String(m.id) }));
      if (!pageId) return tasks;
      const changed = (c: Record<string, unknown>) =>
        !since || !c.updated_time || parseGraphTime(c.updated_time).getTime() >= since.getTime();
      let list = (await api.call('GET', [pageId, 'conversations'], {
        platform: 'instagram',
        fields: 'id,updated_time',
        limit: RECENT_CONVERSATIONS,
      })) as GraphList;
      for (let pages = 1; ; pages++) {
        const data = list.data ?? [];
        tasks.push(...data.filter(changed).map((c): InboundTask => ({ edge: 'messages', id: String(c.id) })));
        if (!list.paging?.next || pages >= MAX_CONVERSATION_PAGES || data.some((c) => !changed(c))) break;
        list = (await api.call('GET', list.paging.next)) as GraphList;
      }
      return tasks;
    },
    params(task) {
      return task.edge === 'comments'
        ? { fields: 'id,text,timestamp,username,from,parent_id', limit: PAGE_SIZE }
        : { fields: 'id,message,from,to,created_time', limit: PAGE_SIZE };
    },
    normalise(task, raw): InboundItem {
      const from = author(raw);
      if (task.edge === 'messages') {
        return {
          externalId: String(raw.id),
          kind: 'direct_message',
          // The person's id, as Instagram messaging webhooks give it (see facebook-inbound.ts).
          threadKey: counterpart(raw, igUserId, task.id),
          author: from,
          text: typeof raw.message === 'string' ? raw.message : '',
          createdAt: parseGraphTime(raw.created_time),
          fromAccount: from.externalId === igUserId,
          raw,
        };
      }
      return {
        externalId: String(raw.id),
        kind: 'comment',
        threadKey: task.id,
        inReplyToExternalId: typeof raw.parent_id === 'string' ? raw.parent_id : task.id,
        author: from,
        text: typeof raw.text === 'string' ? raw.text : '',
        createdAt: parseGraphTime(raw.timestamp),
        fromAccount: from.externalId === igUserId,
        raw,
      };
    },
  };
}
