import type { JsonValue } from './ids/cid';
import type { NewNotification } from './bluesky.repository';

type JsonObject = { [key: string]: JsonValue };

export interface ReplyRefs {
  root: string;
  parent: string;
}

/** What an indexer reads off a post record: its reply refs, media, mentions, and the notifications it causes. */
export function replyRefs(record: JsonObject): ReplyRefs | undefined {
  const reply = record.reply as { root?: { uri?: unknown }; parent?: { uri?: unknown } } | undefined;
  if (!reply || typeof reply.root?.uri !== 'string' || typeof reply.parent?.uri !== 'string')
    return undefined;
  return { root: reply.root.uri, parent: reply.parent.uri };
}

export function hasMedia(record: JsonObject): boolean {
  const embed = record.embed as { $type?: unknown; media?: { $type?: unknown } } | undefined;
  const types = [embed?.$type, embed?.media?.$type];
  return types.some((t) => t === 'app.bsky.embed.images' || t === 'app.bsky.embed.video');
}

export function mentionedDids(record: JsonObject): string[] {
  const facets = Array.isArray(record.facets) ? record.facets : [];
  const dids: string[] = [];
  for (const facet of facets) {
    const features = (facet as { features?: unknown }).features;
    if (!Array.isArray(features)) continue;
    for (const feature of features as { $type?: unknown; did?: unknown }[]) {
      if (feature.$type === 'app.bsky.richtext.facet#mention' && typeof feature.did === 'string')
        dids.push(feature.did);
    }
  }
  return dids;
}

export function didOfUri(uri: string): string | undefined {
  const match = /^at:\/\/(did:[^/]+)\//.exec(uri);
  return match?.[1];
}

/**
 * The notifications an AppView derives from a post: a mention for each mentioned account, then a reply for the
 * authors of the parent and the root, never to the author, never twice to the same person, and only for
 * accounts that `exists` knows.
 */
export function postNotifications(
  post: { authorDid: string; uri: string; cid: string; record: JsonObject; reply?: ReplyRefs },
  exists: (did: string) => boolean,
): NewNotification[] {
  const notified = new Set([post.authorDid]);
  const out: NewNotification[] = [];
  const base = { author_did: post.authorDid, record_uri: post.uri, record_cid: post.cid };
  for (const did of mentionedDids(post.record)) {
    if (notified.has(did) || !exists(did)) continue;
    notified.add(did);
    out.push({ ...base, recipient_did: did, reason: 'mention', reason_subject: null });
  }
  for (const subject of post.reply ? [post.reply.parent, post.reply.root] : []) {
    const did = didOfUri(subject);
    if (!did || notified.has(did) || !exists(did)) continue;
    notified.add(did);
    out.push({ ...base, recipient_did: did, reason: 'reply', reason_subject: subject });
  }
  return out;
}
