import type { InboundAuthor, InboundItem } from '../../port/platform-types';
import { profileUrl, repliedTo, tweetUrl, type XDmEvent, type XTweet, type XUser } from './x-wire';

function authorOf(id: string | undefined, users: Map<string, XUser>): InboundAuthor {
  const user = id ? users.get(id) : undefined;
  // X always expands the author we ask for; an unknown one still gets a usable, honest shape.
  const handle = user?.username ?? `id:${id ?? 'unknown'}`;
  return {
    externalId: id ?? 'unknown',
    handle,
    displayName: user?.name ?? handle,
    profileUrl: user ? profileUrl(user.username) : `https://x.com/i/user/${id ?? ''}`,
  };
}

export function usersById(users: XUser[] | undefined): Map<string, XUser> {
  return new Map((users ?? []).map((user) => [user.id, user]));
}

/** A post mentioning the account; a reply when it answers one of the account's own posts. */
export function mentionItem(tweet: XTweet, users: Map<string, XUser>, accountId: string): InboundItem {
  const author = authorOf(tweet.author_id, users);
  const parent = repliedTo(tweet);
  return {
    externalId: tweet.id,
    kind: parent && tweet.in_reply_to_user_id === accountId ? 'reply' : 'mention',
    threadKey: tweet.conversation_id ?? tweet.id,
    inReplyToExternalId: parent,
    author,
    text: tweet.text,
    createdAt: tweet.created_at ? new Date(tweet.created_at) : new Date(),
    url: tweetUrl(author.handle, tweet.id),
    language: tweet.lang,
    fromAccount: tweet.author_id === accountId,
    raw: tweet,
  };
}

export function directMessageItem(
  event: XDmEvent,
  users: Map<string, XUser>,
  accountId: string,
): InboundItem {
  return {
    externalId: event.id,
    kind: 'direct_message',
    threadKey: event.dm_conversation_id ?? `dm:${event.sender_id ?? event.id}`,
    author: authorOf(event.sender_id, users),
    text: event.text ?? '',
    createdAt: event.created_at ? new Date(event.created_at) : new Date(),
    fromAccount: event.sender_id === accountId,
    raw: event,
  };
}
