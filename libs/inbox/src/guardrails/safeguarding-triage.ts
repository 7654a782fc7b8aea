import type { PhraseMatcher } from '@outside-in/guardrails';

export interface TriageCandidate {
  messageId: string;
  conversationId: string;
  body: string;
}

export interface ConversationTriage {
  conversationId: string;
  /** Matched set ids, in the order the organisation lists its sets. */
  setIds: string[];
  /** The messages that matched, oldest first as given. */
  messageIds: string[];
}

/**
 * Which new messages from the public match the organisation's switched-on safeguarding sets, gathered per
 * conversation (one alert per conversation per batch, however many of its messages matched). Pure: the caller
 * marks, notifies and audits.
 */
export function triageMessages(
  messages: readonly TriageCandidate[],
  matcher: PhraseMatcher,
): Map<string, ConversationTriage> {
  const order = matcher.sets.map((set) => set.id);
  const found = new Map<string, ConversationTriage>();
  for (const message of messages) {
    const { setIds } = matcher.match(message.body);
    if (!setIds.length) continue;
    const entry = found.get(message.conversationId) ?? {
      conversationId: message.conversationId,
      setIds: [],
      messageIds: [],
    };
    entry.messageIds.push(message.messageId);
    entry.setIds = order.filter((id) => entry.setIds.includes(id) || setIds.includes(id));
    found.set(message.conversationId, entry);
  }
  return found;
}
