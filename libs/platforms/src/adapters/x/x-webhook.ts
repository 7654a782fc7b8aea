import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundAuthor, InboundChange, InboundItem } from '../../port/platform-types';
import type { WebhookBatch, WebhookParser } from '../../port/webhook-parser';
import { profileUrl, tweetUrl } from './x-wire';

/** X's signature: `sha256=` + base64(HMAC-SHA256(consumer secret, message)). */
export function xSignature(consumerSecret: string, message: string | Buffer): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(message).digest('base64')}`;
}

/** The CRC answer X expects to `GET ...?crc_token=`: `{ response_token: "sha256=..." }`. */
export function xCrcResponse(consumerSecret: string, crcToken: string): { response_token: string } {
  return { response_token: xSignature(consumerSecret, crcToken) };
}

/** Checks `x-twitter-webhooks-signature` against the exact body bytes, in constant time. */
export function xSignatureValid(
  consumerSecret: string,
  rawBody: Buffer,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(xSignature(consumerSecret, rawBody));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function epochMs(value: unknown): Date {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? new Date(n) : new Date();
}

/** A one-to-one DM conversation id as X writes `dm_conversation_id`: the two user ids, smaller first. */
export function oneToOneConversationId(a: string, b: string): string {
  try {
    return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
  } catch {
    return a < b ? `${a}-${b}` : `${b}-${a}`;
  }
}

function legacyAuthor(user: Json): InboundAuthor {
  const id = asString(user.id_str) ?? asString(user.id) ?? 'unknown';
  const handle = asString(user.screen_name) ?? `id:${id}`;
  return {
    externalId: id,
    handle,
    displayName: asString(user.name) ?? handle,
    profileUrl: user.screen_name ? profileUrl(handle) : `https://x.com/i/user/${id}`,
  };
}

/**
 * Account Activity posts (v1.1 shape: read `id_str`, never the numeric `id`). A post by someone else is a
 * mention, or a reply when it answers the account; a reply by the account itself is our own reply echoed back;
 * the account's own top-level posts are publishing's business, not the inbox's. The payload has no
 * conversation id, so the thread key is the post replied to (the root, for a reply to one of our posts) or the
 * post itself; the ingestor puts a reply to a message it already has into that message's conversation.
 */
function tweetItems(accountId: string, events: unknown[]): InboundItem[] {
  const items: InboundItem[] = [];
  for (const event of events.map(asObject)) {
    const id = asString(event.id_str);
    if (!id || event.retweeted_status) continue;
    const author = legacyAuthor(asObject(event.user));
    const parent = asString(event.in_reply_to_status_id_str) ?? undefined;
    const fromAccount = author.externalId === accountId;
    if (fromAccount && !parent) continue;
    const extended = asObject(event.extended_tweet);
    items.push({
      externalId: id,
      kind: asString(event.in_reply_to_user_id_str) === accountId || fromAccount ? 'reply' : 'mention',
      threadKey: parent ?? id,
      inReplyToExternalId: parent,
      author,
      text: asString(extended.full_text) ?? asString(event.text) ?? '',
      createdAt: epochMs(event.timestamp_ms),
      url: tweetUrl(author.handle, id),
      language: asString(event.lang),
      fromAccount,
      raw: event,
    });
  }
  return items;
}

/** Account Activity DMs, both ways: the account's own are echoes of what we (or someone on X) sent. */
function dmItems(accountId: string, events: unknown[], users: Json): InboundItem[] {
  const items: InboundItem[] = [];
  for (const event of events.map(asObject)) {
    const id = asString(event.id);
    const create = asObject(event.message_create);
    const sender = asString(create.sender_id);
    const recipient = asString(asObject(create.target).recipient_id);
    if (event.type !== 'message_create' || !id || !sender || !recipient) continue;
    const user = asObject(users[sender]);
    const author = legacyAuthor({ ...user, id_str: sender });
    items.push({
      externalId: id,
      kind: 'direct_message',
      threadKey: oneToOneConversationId(sender, recipient),
      author,
      text: asString(asObject(create.message_data).text) ?? '',
      createdAt: epochMs(event.created_timestamp),
      fromAccount: sender === accountId,
      raw: event,
    });
  }
  return items;
}

/** `tweet_delete_events`: `{status: {id, user_id}, timestamp_ms}`, a post deleted by its author. */
function deleteChanges(events: unknown[]): InboundChange[] {
  const changes: InboundChange[] = [];
  for (const event of events.map(asObject)) {
    const id = asString(asObject(event.status).id);
    if (id) changes.push({ externalId: id, change: 'deleted', at: epochMs(event.timestamp_ms), raw: event });
  }
  return changes;
}

export class XWebhookParser implements WebhookParser {
  readonly source = 'x';

  parse(payload: unknown): WebhookBatch[] {
    const body = asObject(payload);
    const accountId = asString(body.for_user_id);
    if (!accountId) return [];
    const items = [
      ...tweetItems(accountId, asArray(body.tweet_create_events)),
      ...dmItems(accountId, asArray(body.direct_message_events), asObject(body.users)),
    ];
    const changes = deleteChanges(asArray(body.tweet_delete_events));
    return items.length || changes.length
      ? [{ network: 'x', accountExternalId: accountId, items, changes }]
      : [];
  }
}
