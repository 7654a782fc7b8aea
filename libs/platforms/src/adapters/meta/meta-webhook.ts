import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundAuthor, InboundChange, InboundItem } from '../../port/platform-types';
import type { WebhookBatch, WebhookParser } from '../../port/webhook-parser';

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, exact body bytes)>`, in constant time.
 * The body must be the bytes as received: re-serialised JSON does not match.
 */
export function metaSignatureValid(appSecret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** Graph webhook times are Unix seconds in `changes` and milliseconds in `messaging`; accept either. */
function instant(value: unknown, fallback: Date): Date {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return fallback;
  return new Date(n < 1e12 ? n * 1000 : n);
}

function facebookPerson(from: unknown): InboundAuthor {
  const person = asObject(from);
  const id = asString(person.id) ?? 'unknown';
  const name = asString(person.name);
  return {
    externalId: id,
    handle: name ?? id,
    displayName: name ?? 'Facebook user',
    profileUrl: `https://www.facebook.com/${id}`,
    ...(name ? {} : { nameUnknown: true }),
  };
}

function instagramPerson(from: unknown): InboundAuthor {
  const person = asObject(from);
  const id = asString(person.id) ?? 'unknown';
  const username = asString(person.username);
  return {
    externalId: id,
    handle: username ?? id,
    displayName: username ?? 'Instagram user',
    profileUrl: username
      ? `https://www.instagram.com/${encodeURIComponent(username)}/`
      : `https://www.instagram.com/`,
    ...(username ? {} : { nameUnknown: true }),
  };
}

/**
 * Messenger and Instagram Direct (`messaging`): the event names only ids, so the author's name is unknown.
 * The thread key is the other person's id, the same key polling gives (see facebook-inbound.ts), because the
 * event carries no conversation id. Echoes (`is_echo`, or sent by the account) are ours.
 */
function messagingItems(
  accountId: string,
  entry: Json,
  profile: (id: string) => InboundAuthor,
): InboundItem[] {
  const items: InboundItem[] = [];
  for (const event of asArray(entry.messaging).map(asObject)) {
    const message = asObject(event.message);
    const mid = asString(message.mid);
    // Delivery and read receipts, reactions, postbacks: not messages; an unsent one is a change (changesOf).
    if (!mid || message.is_deleted === true) continue;
    const sender = asString(asObject(event.sender).id) ?? 'unknown';
    const recipient = asString(asObject(event.recipient).id) ?? 'unknown';
    const fromAccount = message.is_echo === true || sender === accountId;
    items.push({
      externalId: mid,
      kind: 'direct_message',
      threadKey: fromAccount ? recipient : sender,
      author: profile(sender),
      text: asString(message.text) ?? '',
      createdAt: instant(event.timestamp, new Date()),
      fromAccount,
      raw: event,
    });
  }
  return items;
}

function facebookProfile(id: string): InboundAuthor {
  return {
    externalId: id,
    handle: id,
    displayName: 'Facebook user',
    profileUrl: `https://www.facebook.com/${id}`,
    nameUnknown: true,
  };
}

function instagramProfile(id: string): InboundAuthor {
  return {
    externalId: id,
    handle: id,
    displayName: 'Instagram user',
    profileUrl: 'https://www.instagram.com/',
    nameUnknown: true,
  };
}

/** Page `feed` changes: a comment added on a post (the thread is the post, as when polling). */
function pageFeedItems(pageId: string, entry: Json): InboundItem[] {
  const items: InboundItem[] = [];
  for (const change of asArray(entry.changes).map(asObject)) {
    if (change.field !== 'feed') continue;
    const value = asObject(change.value);
    const commentId = asString(value.comment_id);
    const postId = asString(value.post_id);
    if (value.item !== 'comment' || value.verb !== 'add' || !commentId || !postId) continue;
    const author = facebookPerson(value.from);
    items.push({
      externalId: commentId,
      kind: 'comment',
      threadKey: postId,
      inReplyToExternalId: asString(value.parent_id) ?? postId,
      author,
      text: asString(value.message) ?? '',
      createdAt: instant(value.created_time, instant(entry.time, new Date())),
      fromAccount: author.externalId === pageId,
      raw: value,
    });
  }
  return items;
}

/**
 * Edits and deletions: page `feed` comments with `verb: edited` (the new text in `message`) or `verb: remove`,
 * Messenger's `message_edit` (`messaging[].message_edit: {mid, text}`) and Instagram Direct's unsent messages
 * (`message.is_deleted`). They name the message by the same id as its first delivery.
 */
function changesOf(entry: Json): InboundChange[] {
  const changes: InboundChange[] = [];
  const entryTime = instant(entry.time, new Date());
  for (const change of asArray(entry.changes).map(asObject)) {
    if (change.field !== 'feed') continue;
    const value = asObject(change.value);
    const commentId = asString(value.comment_id);
    if (value.item !== 'comment' || !commentId) continue;
    const at = instant(value.created_time, entryTime);
    if (value.verb === 'edited')
      changes.push({
        externalId: commentId,
        change: 'edited',
        text: asString(value.message) ?? '',
        at: entryTime > at ? entryTime : at,
        raw: value,
      });
    else if (value.verb === 'remove')
      changes.push({ externalId: commentId, change: 'deleted', at: entryTime, raw: value });
  }
  for (const event of asArray(entry.messaging).map(asObject)) {
    const at = instant(event.timestamp, entryTime);
    const edit = asObject(event.message_edit);
    const editedMid = asString(edit.mid);
    if (editedMid)
      changes.push({
        externalId: editedMid,
        change: 'edited',
        text: asString(edit.text) ?? '',
        at,
        raw: event,
      });
    const message = asObject(event.message);
    const mid = asString(message.mid);
    if (mid && message.is_deleted === true)
      changes.push({ externalId: mid, change: 'deleted', at, raw: event });
  }
  return changes;
}

/** Instagram `comments` changes: a comment on a media, or a reply to a comment. */
function instagramCommentItems(igUserId: string, entry: Json): InboundItem[] {
  const items: InboundItem[] = [];
  for (const change of asArray(entry.changes).map(asObject)) {
    if (change.field !== 'comments') continue;
    const value = asObject(change.value);
    const id = asString(value.id);
    const mediaId = asString(asObject(value.media).id);
    if (!id || !mediaId) continue;
    const author = instagramPerson(value.from);
    items.push({
      externalId: id,
      kind: 'comment',
      threadKey: mediaId,
      inReplyToExternalId: asString(value.parent_id) ?? mediaId,
      author,
      text: asString(value.text) ?? '',
      createdAt: instant(entry.time, new Date()),
      fromAccount: author.externalId === igUserId,
      raw: value,
    });
  }
  return items;
}

/** Meta's deliveries: `object: page` for Facebook pages (feed, messages, echoes), `instagram` for Instagram. */
export class MetaWebhookParser implements WebhookParser {
  readonly source = 'meta';

  parse(payload: unknown): WebhookBatch[] {
    const body = asObject(payload);
    const batches: WebhookBatch[] = [];
    for (const entry of asArray(body.entry).map(asObject)) {
      const accountId = asString(entry.id);
      if (!accountId) continue;
      if (body.object === 'page') {
        batches.push({
          network: 'facebook',
          accountExternalId: accountId,
          items: [...pageFeedItems(accountId, entry), ...messagingItems(accountId, entry, facebookProfile)],
          changes: changesOf(entry),
        });
      } else if (body.object === 'instagram') {
        batches.push({
          network: 'instagram',
          accountExternalId: accountId,
          items: [
            ...instagramCommentItems(accountId, entry),
            ...messagingItems(accountId, entry, instagramProfile),
          ],
          changes: changesOf(entry),
        });
      }
    }
    return batches.filter((batch) => batch.items.length > 0 || (batch.changes?.length ?? 0) > 0);
  }
}
