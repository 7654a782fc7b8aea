import type { AppBskyNotificationListNotifications } from '@atproto/api';
import type { InboundItem } from '../../port/platform-types';
import { postUrl } from './bluesky-urls';

type Notification = AppBskyNotificationListNotifications.Notification;

/**
 * Our position in the notifications. Bluesky pages from newest to oldest, so new items arrive above what we
 * have seen: a sweep walks down with the network's cursor until it reaches the watermark (the newest
 * indexedAt of the previous sweep), then the next sweep starts again from the top.
 */
export interface BlueskyInboundCursor {
  /** Newest indexedAt already delivered ('' for nothing yet), and the uris delivered at exactly that time. */
  seenAt: string;
  seenUris: string[];
  /** During a sweep: the network's cursor for the next page down, and the newest item of this sweep. */
  page?: string;
  topAt?: string;
  topUris?: string[];
}

export function decodeBlueskyCursor(cursor: string | null): BlueskyInboundCursor {
  if (!cursor) return { seenAt: '', seenUris: [] };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as BlueskyInboundCursor;
    if (typeof parsed.seenAt === 'string' && Array.isArray(parsed.seenUris)) return parsed;
  } catch {
    // fall through: an unreadable cursor starts over rather than failing the poll forever
  }
  return { seenAt: '', seenUris: [] };
}

export function encodeBlueskyCursor(cursor: BlueskyInboundCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** Was this notification delivered by an earlier sweep? */
export function alreadySeen(notification: Notification, cursor: BlueskyInboundCursor): boolean {
  if (!cursor.seenAt) return false;
  if (notification.indexedAt < cursor.seenAt) return true;
  return notification.indexedAt === cursor.seenAt && cursor.seenUris.includes(notification.uri);
}

/** The newest indexedAt among the items, with the uris at that time, merged into an earlier top. */
export function topOf(
  notifications: Notification[],
  earlier: { at?: string; uris?: string[] },
): { at?: string; uris: string[] } {
  let at = earlier.at;
  let uris = earlier.uris ?? [];
  for (const n of notifications) {
    if (!at || n.indexedAt > at) {
      at = n.indexedAt;
      uris = [n.uri];
    } else if (n.indexedAt === at && !uris.includes(n.uri)) {
      uris = [...uris, n.uri];
    }
  }
  return { at, uris };
}

interface PostRecord {
  text?: string;
  createdAt?: string;
  langs?: string[];
  reply?: { root?: { uri?: string }; parent?: { uri?: string } };
}

/** A mention or reply as an inbox item; the thread is the reply chain's root post. */
export function normaliseBlueskyNotification(notification: Notification, ownDid: string): InboundItem {
  const record = notification.record as PostRecord;
  const author = notification.author;
  const createdAt = new Date(record.createdAt ?? notification.indexedAt);
  return {
    externalId: notification.uri,
    kind: notification.reason === 'reply' ? 'reply' : 'mention',
    threadKey: record.reply?.root?.uri ?? notification.uri,
    inReplyToExternalId: record.reply?.parent?.uri,
    author: {
      externalId: author.did,
      handle: author.handle,
      displayName: author.displayName || author.handle,
      profileUrl: `https://bsky.app/profile/${author.handle}`,
    },
    text: record.text ?? '',
    createdAt: Number.isNaN(createdAt.getTime()) ? new Date(notification.indexedAt) : createdAt,
    url: postUrl(author.handle, notification.uri),
    language: record.langs?.[0],
    fromAccount: author.did === ownDid,
    raw: notification,
  };
}
