import type { mastodon } from 'masto';
import type { InboundItem, InboundKind } from '../../port/platform-types';
import { mastodonHtmlToText } from './mastodon-text';

/** A direct status is a DM; a status answering another is a reply; anything else naming us is a mention. */
function kindOf(status: mastodon.v1.Status): InboundKind {
  if (status.visibility === 'direct') return 'direct_message';
  return status.inReplyToId ? 'reply' : 'mention';
}

/**
 * One mention notification as an inbox item. DMs group by the other person (a Mastodon conversation is the
 * set of participants); public items by the status they answer, or themselves when they start a thread.
 */
export function normaliseMastodonNotification(
  notification: mastodon.v1.Notification,
  ownAccountId: string,
): InboundItem | null {
  const status = notification.status;
  if (!status) return null;
  const kind = kindOf(status);
  return {
    externalId: status.id,
    kind,
    threadKey:
      kind === 'direct_message' ? `dm:${status.account.id}` : `status:${status.inReplyToId ?? status.id}`,
    inReplyToExternalId: status.inReplyToId ?? undefined,
    author: {
      externalId: status.account.id,
      handle: status.account.acct,
      displayName: status.account.displayName || status.account.username,
      profileUrl: status.account.url,
    },
    text: mastodonHtmlToText(status.content),
    createdAt: new Date(status.createdAt),
    url: status.url ?? status.uri,
    language: status.language ?? undefined,
    fromAccount: status.account.id === ownAccountId,
    raw: notification,
  };
}
