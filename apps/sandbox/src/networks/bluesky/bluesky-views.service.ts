import { Injectable } from '@nestjs/common';
import { AccountRow, BlueskyRepository, NotificationRow, RecordRow } from './bluesky.repository';
import { compareDagCborKeys } from './ids/dag-cbor';
import type { JsonValue } from './ids/cid';
import { atUri } from './bluesky-records.service';

type Json = { [key: string]: unknown };

/** Where blobs are served from (the AppView uses its CDN; the sandbox serves com.atproto.sync.getBlob). */
export interface ViewContext {
  /** e.g. http://127.0.0.1:4000/bluesky */
  serviceUrl: string;
  viewerDid?: string;
}

/**
 * The AppView side: hydrated views (profiles, posts, threads, feeds, notifications) in the shapes of the
 * app.bsky lexicons, with `$type` on every union member as the AppView sends them (the agent validates them).
 */
@Injectable()
export class BlueskyViewsService {
  constructor(private readonly repo: BlueskyRepository) {}

  /**
   * The AppView takes a profile's createdAt and indexedAt from the account's app.bsky.actor.profile record,
   * and leaves them out while there is none (a new account). The sandbox keeps no profile records: an
   * account with a display name or description counts as having one.
   */
  private profileTimes(account: AccountRow): { createdAt?: string; indexedAt?: string } {
    if (!account.display_name && !account.description) return {};
    const at = account.created_at.toISOString();
    return { createdAt: at, indexedAt: at };
  }

  profileBasic(account: AccountRow): Json {
    const { createdAt } = this.profileTimes(account);
    return {
      did: account.did,
      handle: account.handle,
      ...(account.display_name ? { displayName: account.display_name } : {}),
      associated: { activitySubscription: { allowSubscriptions: 'followers' } },
      viewer: { muted: false, blockedBy: false },
      labels: [],
      ...(createdAt ? { createdAt } : {}),
    };
  }

  profileView(account: AccountRow): Json {
    const { indexedAt } = this.profileTimes(account);
    return {
      ...this.profileBasic(account),
      ...(account.description ? { description: account.description } : {}),
      ...(indexedAt ? { indexedAt } : {}),
    };
  }

  async profileDetailed(account: AccountRow): Promise<Json> {
    return {
      did: account.did,
      handle: account.handle,
      ...(account.display_name ? { displayName: account.display_name } : {}),
      ...(account.description ? { description: account.description } : {}),
      followersCount: 0,
      followsCount: 0,
      postsCount: await this.repo.postCount(account.did),
      associated: {
        lists: 0,
        feedgens: 0,
        starterPacks: 0,
        labeler: false,
        activitySubscription: { allowSubscriptions: 'followers' },
      },
      ...this.profileTimes(account),
      viewer: { muted: false, blockedBy: false },
      labels: [],
    };
  }

  /** Post views for these rows, in the same order. */
  async postViews(rows: RecordRow[], ctx: ViewContext): Promise<Json[]> {
    const authors = await this.authors(rows.map((row) => row.did));
    const uris = rows.map(uriOf);
    const replies = await this.repo.replyCounts(uris);
    return rows.map((row) => {
      const author = authors.get(row.did)!;
      const embed = embedView(row, ctx);
      return {
        uri: uriOf(row),
        cid: row.cid,
        author: this.profileBasic(author),
        record: canonicalJson(row.value),
        ...(embed ? { embed } : {}),
        bookmarkCount: 0,
        replyCount: replies.get(uriOf(row)) ?? 0,
        repostCount: 0,
        likeCount: 0,
        quoteCount: 0,
        indexedAt: row.indexed_at.toISOString(),
        viewer: { bookmarked: false, threadMuted: false, embeddingDisabled: false },
        labels: [],
      };
    });
  }

  /** app.bsky.feed.getPostThread's `thread`, or undefined when the post does not exist. */
  async thread(
    uri: string,
    depth: number,
    parentHeight: number,
    ctx: ViewContext,
  ): Promise<Json | undefined> {
    const [anchor] = await this.repo.postsByUris([uri]);
    if (!anchor) return undefined;
    const [anchorView] = await this.postViews([anchor], ctx);
    const node: Json = { $type: 'app.bsky.feed.defs#threadViewPost', post: anchorView };
    const parent = await this.parentChain(anchor, parentHeight, ctx);
    if (parent) node.parent = parent;
    node.replies = await this.replyTree([anchor], depth, ctx).then((trees) => trees.get(uriOf(anchor)) ?? []);
    node.threadContext = {};
    return node;
  }

  /**
   * Notification views as the AppView makes them: read when indexed strictly before `lastSeen`, and all read
   * when there is no last-seen time (see AppviewMethods.listNotifications for where it comes from).
   */
  async notificationViews(rows: NotificationRow[], lastSeen: Date | undefined): Promise<Json[]> {
    const records = await this.repo.postsByUris(rows.map((row) => row.record_uri));
    const byUri = new Map(records.map((row) => [uriOf(row), row]));
    const authors = await this.authors(rows.map((row) => row.author_did));
    return rows.flatMap((row) => {
      const record = byUri.get(row.record_uri);
      const author = authors.get(row.author_did);
      if (!record || !author) return [];
      return [
        {
          uri: row.record_uri,
          cid: row.record_cid,
          author: this.profileView(author),
          reason: row.reason,
          ...(row.reason_subject ? { reasonSubject: row.reason_subject } : {}),
          record: canonicalJson(record.value),
          isRead: lastSeen ? lastSeen > row.indexed_at : true,
          indexedAt: row.indexed_at.toISOString(),
          labels: [],
        },
      ];
    });
  }

  /** Feed items for an author feed: each post, and for replies the root and parent they answer. */
  async feedItems(rows: RecordRow[], ctx: ViewContext): Promise<Json[]> {
    const views = await this.postViews(rows, ctx);
    const refUris = rows.flatMap((row) => [row.reply_root, row.reply_parent].filter((u): u is string => !!u));
    const refRows = await this.repo.postsByUris([...new Set(refUris)]);
    const refViews = await this.postViews(refRows, ctx);
    const refs = new Map(refViews.map((view) => [String(view.uri), view]));
    const refOrMissing = (uri: string): Json =>
      refs.has(uri)
        ? { $type: 'app.bsky.feed.defs#postView', ...refs.get(uri)! }
        : { $type: 'app.bsky.feed.defs#notFoundPost', uri, notFound: true };
    // A reply to a reply names whom the parent answered (the AppView's grandparentAuthor).
    const grandparentDids = refRows.flatMap((row) => (row.reply_parent ? [didOf(row.reply_parent)] : []));
    const grandparents = await this.authors(grandparentDids);
    const parentRows = new Map(refRows.map((row) => [uriOf(row), row]));
    return rows.map((row, i) => {
      const item: Json = { post: views[i] };
      if (row.reply_root && row.reply_parent) {
        const grandparent = parentRows.get(row.reply_parent)?.reply_parent;
        const grandparentAuthor = grandparent ? grandparents.get(didOf(grandparent)) : undefined;
        item.reply = {
          root: refOrMissing(row.reply_root),
          parent: refOrMissing(row.reply_parent),
          ...(grandparentAuthor ? { grandparentAuthor: this.profileBasic(grandparentAuthor) } : {}),
        };
      }
      return item;
    });
  }

  private async parentChain(post: RecordRow, height: number, ctx: ViewContext): Promise<Json | undefined> {
    if (!post.reply_parent || height <= 0) return undefined;
    const [parent] = await this.repo.postsByUris([post.reply_parent]);
    if (!parent) return { $type: 'app.bsky.feed.defs#notFoundPost', uri: post.reply_parent, notFound: true };
    const [view] = await this.postViews([parent], ctx);
    const node: Json = { $type: 'app.bsky.feed.defs#threadViewPost', post: view };
    const grand = await this.parentChain(parent, height - 1, ctx);
    if (grand) node.parent = grand;
    node.threadContext = {};
    return node;
  }

  /** Reply subtrees (oldest reply first), level by level, down to `depth`. */
  private async replyTree(level: RecordRow[], depth: number, ctx: ViewContext): Promise<Map<string, Json[]>> {
    const result = new Map<string, Json[]>();
    if (depth <= 0 || level.length === 0) return result;
    const children = await this.repo.repliesTo(level.map(uriOf));
    const views = await this.postViews(children, ctx);
    const below = await this.replyTree(children, depth - 1, ctx);
    children.forEach((child, i) => {
      const node: Json = { $type: 'app.bsky.feed.defs#threadViewPost', post: views[i] };
      const grandchildren = below.get(uriOf(child));
      if (depth - 1 > 0) node.replies = grandchildren ?? [];
      // The AppView's thread nodes carry the root author's like of the post here (none in the sandbox).
      node.threadContext = {};
      const list = result.get(child.reply_parent!) ?? [];
      list.push(node);
      result.set(child.reply_parent!, list);
    });
    return result;
  }

  private async authors(dids: string[]): Promise<Map<string, AccountRow>> {
    const accounts = await this.repo.accountsByDids([...new Set(dids)]);
    return new Map(accounts.map((account) => [account.did, account]));
  }
}

export const uriOf = (row: RecordRow): string => atUri(row.did, row.collection, row.rkey);

/** The repo (DID) an at:// URI names. */
const didOf = (uri: string): string => uri.replace(/^at:\/\//, '').split('/')[0];

/** A record's JSON with keys in DAG-CBOR order: how a PDS hands back what it decoded from the repo block. */
export function canonicalJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value).sort(compareDagCborKeys)) out[key] = canonicalJson(value[key]);
    return out;
  }
  return value;
}

function blobUrl(ctx: ViewContext, did: string, cid: string): string {
  const query = new URLSearchParams({ did, cid });
  return `${ctx.serviceUrl}/xrpc/com.atproto.sync.getBlob?${query.toString()}`;
}

/** The embed view the AppView builds for images and external links (other embeds are not hydrated). */
function embedView(row: RecordRow, ctx: ViewContext): Json | undefined {
  const embed = row.value.embed as Json | undefined;
  if (!embed) return undefined;
  if (embed.$type === 'app.bsky.embed.images' && Array.isArray(embed.images)) {
    return {
      $type: 'app.bsky.embed.images#view',
      images: (embed.images as Json[]).map((image) => {
        const cid = String(((image.image as Json | undefined)?.ref as Json | undefined)?.$link ?? '');
        return {
          thumb: blobUrl(ctx, row.did, cid),
          fullsize: blobUrl(ctx, row.did, cid),
          alt: typeof image.alt === 'string' ? image.alt : '',
          ...(image.aspectRatio ? { aspectRatio: image.aspectRatio } : {}),
        };
      }),
    };
  }
  if (embed.$type === 'app.bsky.embed.external' && embed.external && typeof embed.external === 'object') {
    const external = embed.external as Json;
    const thumbCid = ((external.thumb as Json | undefined)?.ref as Json | undefined)?.$link;
    return {
      $type: 'app.bsky.embed.external#view',
      external: {
        uri: external.uri,
        title: external.title,
        description: external.description,
        ...(typeof thumbCid === 'string' ? { thumb: blobUrl(ctx, row.did, thumbCid) } : {}),
      },
    };
  }
  return undefined;
}
