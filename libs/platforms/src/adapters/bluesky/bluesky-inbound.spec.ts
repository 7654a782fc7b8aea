import type { AppBskyNotificationListNotifications } from '@atproto/api';
import {
  alreadySeen,
  decodeBlueskyCursor,
  encodeBlueskyCursor,
  normaliseBlueskyNotification,
  topOf,
} from './bluesky-inbound';

type Notification = AppBskyNotificationListNotifications.Notification;

function notification(uri: string, indexedAt: string, extra: Partial<Notification> = {}): Notification {
  return {
    uri: `at://did:plc:citizen/app.bsky.feed.post/${uri}`,
    cid: 'bafyrei',
    author: { did: 'did:plc:citizen', handle: 'citizen.test' },
    reason: 'mention',
    record: { $type: 'app.bsky.feed.post', text: `hello ${uri}`, createdAt: indexedAt },
    isRead: false,
    indexedAt,
    ...extra,
  } as Notification;
}

describe('the Bluesky inbound cursor', () => {
  it('round-trips, and an unreadable cursor starts from the beginning', () => {
    const cursor = { seenAt: '2026-11-27T10:00:00.000Z', seenUris: ['at://a'], page: 'p1' };
    expect(decodeBlueskyCursor(encodeBlueskyCursor(cursor))).toEqual(cursor);
    expect(decodeBlueskyCursor('not a cursor')).toEqual({ seenAt: '', seenUris: [] });
    expect(decodeBlueskyCursor(null)).toEqual({ seenAt: '', seenUris: [] });
  });

  it('counts items older than the watermark, or at it and already delivered, as seen', () => {
    const state = { seenAt: '2026-11-27T10:00:00.000Z', seenUris: [notification('a', '').uri] };
    expect(alreadySeen(notification('old', '2026-11-27T09:59:59.999Z'), state)).toBe(true);
    expect(alreadySeen(notification('a', '2026-11-27T10:00:00.000Z'), state)).toBe(true);
    expect(alreadySeen(notification('b', '2026-11-27T10:00:00.000Z'), state)).toBe(false);
    expect(alreadySeen(notification('new', '2026-11-27T10:00:00.001Z'), state)).toBe(false);
  });

  it('keeps the newest time and every uri at it as the next watermark', () => {
    const top = topOf(
      [notification('a', '2026-11-27T10:00:01.000Z'), notification('b', '2026-11-27T10:00:01.000Z')],
      { at: '2026-11-27T10:00:00.000Z', uris: ['x'] },
    );
    expect(top.at).toBe('2026-11-27T10:00:01.000Z');
    expect(top.uris).toHaveLength(2);
  });
});

describe('normaliseBlueskyNotification', () => {
  it('makes a reply an inbox item threaded on its root', () => {
    const item = normaliseBlueskyNotification(
      notification('r1', '2026-11-27T10:00:00.000Z', {
        reason: 'reply',
        record: {
          $type: 'app.bsky.feed.post',
          text: 'Is the tip open?',
          createdAt: '2026-11-27T09:59:00.000Z',
          reply: { root: { uri: 'at://root', cid: 'c1' }, parent: { uri: 'at://parent', cid: 'c2' } },
        },
      }),
      'did:plc:council',
    );
    expect(item).toMatchObject({
      kind: 'reply',
      threadKey: 'at://root',
      inReplyToExternalId: 'at://parent',
      text: 'Is the tip open?',
      fromAccount: false,
      url: 'https://bsky.app/profile/citizen.test/post/r1',
      author: { externalId: 'did:plc:citizen', handle: 'citizen.test', displayName: 'citizen.test' },
    });
    expect(item.createdAt).toEqual(new Date('2026-11-27T09:59:00.000Z'));
  });
});
