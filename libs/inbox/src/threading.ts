import type { ConversationKind } from '@outside-in/database';
import type { InboundItem, InboundKind } from '@outside-in/platforms';

/**
 * Threading rules: how an inbound item finds its conversation.
 *
 * 1. The kind of conversation follows the item: a direct message belongs to a `direct` conversation, a comment
 *    to a `comment_thread` (the comments under one of our posts), a mention or a reply to a `mention_thread`.
 * 2. A reply to a message we already hold on this channel (or that arrived earlier in the same batch) joins that
 *    message's conversation, whatever thread key it carries. Webhooks do not always say which thread a reply
 *    belongs to (X's Account Activity posts have no conversation id), but they always say what it answers.
 * 3. Otherwise the conversation is the one of (channel, kind, the adapter's thread key): the root post of a
 *    comment or mention thread, or the other person in a direct conversation. Adapters give the same key for
 *    the same item by polling and by webhook, so both paths thread alike; the unique index on
 *    (channel_id, kind, thread_key) makes concurrent ingestion agree on one row.
 * 4. A conversation's contact is the first person from the public who wrote in it. A conversation holding only
 *    our own messages (an echo of something sent from the network's own app) has no contact yet, starts as
 *    `pending` (waiting for the public), and gets its contact with the first inbound message.
 */
const KIND_OF: Readonly<Record<InboundKind, ConversationKind>> = {
  direct_message: 'direct',
  comment: 'comment_thread',
  mention: 'mention_thread',
  reply: 'mention_thread',
};

export function conversationKindOf(kind: InboundKind): ConversationKind {
  return KIND_OF[kind];
}

/** Where one item goes: an existing conversation id, or the (kind, thread key) to find or create. */
export type ThreadPlacement = { conversationId: string } | { kind: ConversationKind; threadKey: string };

export function placementKey(placement: ThreadPlacement): string {
  return 'conversationId' in placement
    ? `id:${placement.conversationId}`
    : `key:${placement.kind}:${placement.threadKey}`;
}

/**
 * Places items (oldest first) by the rules above. `knownParents` maps external ids already stored on the
 * channel to their conversation ids.
 */
export function placeItems(
  items: readonly InboundItem[],
  knownParents: ReadonlyMap<string, string>,
): ThreadPlacement[] {
  const placedInBatch = new Map<string, ThreadPlacement>();
  return items.map((item) => {
    const parent = item.inReplyToExternalId;
    let placement: ThreadPlacement | undefined;
    if (parent) {
      const known = knownParents.get(parent);
      placement = known ? { conversationId: known } : placedInBatch.get(parent);
    }
    placement ??= { kind: conversationKindOf(item.kind), threadKey: item.threadKey };
    placedInBatch.set(item.externalId, placement);
    return placement;
  });
}
