import { Injectable } from '@nestjs/common';
import { BlueskyRepository } from '../bluesky.repository';
import { BlueskyViewsService, ViewContext } from '../bluesky-views.service';
import { invalidRequest } from '../xrpc/xrpc-error';
import { XrpcCall, XrpcMethod, json } from '../xrpc/xrpc-method';

/**
 * The app.bsky.* reads a PDS proxies to the AppView (and com.atproto.identity.resolveHandle). A real PDS
 * without an AppView answers these with 502 UpstreamFailure; the sandbox plays the AppView itself.
 * Like the PDS's proxy, they require an access token.
 */
@Injectable()
export class AppviewMethods {
  constructor(
    private readonly repo: BlueskyRepository,
    private readonly views: BlueskyViewsService,
  ) {}

  methods(): [string, XrpcMethod][] {
    return [
      ['app.bsky.actor.getProfile', { auth: 'access', handle: (call) => this.getProfile(call) }],
      ['app.bsky.feed.getAuthorFeed', { auth: 'access', handle: (call) => this.getAuthorFeed(call) }],
      ['app.bsky.feed.getPostThread', { auth: 'access', handle: (call) => this.getPostThread(call) }],
      [
        'app.bsky.notification.listNotifications',
        { auth: 'access', handle: (call) => this.listNotifications(call) },
      ],
      [
        'app.bsky.notification.getUnreadCount',
        {
          auth: 'access',
          handle: async (call) => {
            if (call.params.seenAt) throw invalidRequest(SEEN_AT_UNSUPPORTED);
            const account = await this.repo.accountByDid(call.did!);
            return json({ count: await this.repo.unreadCount(call.did!, account?.seen_at ?? null) });
          },
        },
      ],
      [
        'app.bsky.notification.updateSeen',
        {
          auth: 'access',
          handle: async (call) => {
            await this.repo.setSeenAt(call.did!, new Date((call.input as { seenAt: string }).seenAt));
            return { kind: 'empty' };
          },
        },
      ],
      [
        'com.atproto.identity.resolveHandle',
        {
          auth: 'none',
          handle: async (call) => {
            const handle = String(call.params.handle).toLowerCase();
            const account = await this.repo.accountByIdentifier(handle);
            if (!account || account.handle !== handle) throw invalidRequest('Unable to resolve handle');
            return json({ did: account.did });
          },
        },
      ],
    ];
  }

  private async getProfile(call: XrpcCall) {
    const account = await this.repo.accountByIdentifier(String(call.params.actor));
    if (!account) throw invalidRequest('Profile not found');
    return json(await this.views.profileDetailed(account));
  }

  private async getAuthorFeed(call: XrpcCall) {
    const { actor, limit, cursor, filter } = call.params as {
      actor: string;
      limit?: number;
      cursor?: string;
      filter?: string;
    };
    const account = await this.repo.accountByIdentifier(actor);
    if (!account) throw invalidRequest('Profile not found');
    const rows = await this.repo.authorPosts(account.did, {
      limit: limit ?? 50,
      cursor: cursor ? decodeCursor(cursor, (at, cid) => ({ indexedAt: at, cid }), '__') : undefined,
      filter: filter ?? 'posts_with_replies',
    });
    const last = rows.at(-1);
    return json({
      ...(last ? { cursor: encodeCursor(last.indexed_at, last.cid, '__') } : {}),
      feed: await this.views.feedItems(rows, this.context(call)),
    });
  }

  private async getPostThread(call: XrpcCall) {
    const { uri, depth, parentHeight } = call.params as {
      uri: string;
      depth?: number;
      parentHeight?: number;
    };
    const thread = await this.views.thread(
      await this.withDid(uri),
      depth ?? 6,
      parentHeight ?? 80,
      this.context(call),
    );
    if (!thread) throw invalidRequest(`Post not found: ${uri}`, 'NotFound');
    return json({ thread });
  }

  private async listNotifications(call: XrpcCall) {
    const { limit, cursor, reasons, seenAt } = call.params as {
      limit?: number;
      cursor?: string;
      reasons?: string[];
      seenAt?: string;
    };
    // The lexicon still lists seenAt; the AppView refuses it.
    if (seenAt) throw invalidRequest(SEEN_AT_UNSUPPORTED);
    const account = await this.repo.accountByDid(call.did!);
    if (!account) throw invalidRequest('Profile not found');
    const rows = await this.repo.listNotifications(account.did, {
      limit: limit ?? 50,
      cursor: cursor ? decodeCursor(cursor, (at, id) => ({ indexedAt: at, id })) : undefined,
      reasons,
    });
    // Filtered by reason, the AppView reads on until it has half a page or reaches the end, and sends no
    // cursor when it reached the end.
    const last = reasons?.length && rows.length < (limit ?? 50) ? undefined : rows.at(-1);
    // As the AppView does: an account that never marked anything seen has, on the first page, seen up to
    // its newest notification (so that one alone is unread); on later pages it has no last-seen time.
    const lastSeen = account.seen_at ?? (cursor ? undefined : rows[0]?.indexed_at);
    return json({
      notifications: await this.views.notificationViews(rows, lastSeen),
      ...(last ? { cursor: encodeCursor(last.indexed_at, last.id) } : {}),
      priority: false,
      ...(lastSeen ? { seenAt: lastSeen.toISOString() } : {}),
    });
  }

  /** at:// URIs may name the author by handle; records are stored under the DID. */
  private async withDid(uri: string): Promise<string> {
    const match = /^at:\/\/([^/]+)(\/.*)?$/.exec(uri);
    if (!match || match[1].startsWith('did:')) return uri;
    const account = await this.repo.accountByIdentifier(match[1]);
    return account ? `at://${account.did}${match[2] ?? ''}` : uri;
  }

  private context(call: XrpcCall): ViewContext {
    return { serviceUrl: call.serviceUrl, viewerDid: call.did };
  }
}

const SEEN_AT_UNSUPPORTED = 'The seenAt parameter is unsupported';

/**
 * Keyset cursors: the sort time in milliseconds and a tie-breaker. The AppView's author feed sends
 * `<ms>__<cid>`; its notifications send the bare ISO time, where the sandbox keeps `<ms>::<id>` (a crowd
 * burst can index several notifications in one millisecond, and a bare time would skip some at a page end).
 */
function encodeCursor(at: Date, tieBreaker: string, separator = '::'): string {
  return `${at.getTime()}${separator}${tieBreaker}`;
}

function decodeCursor<T>(cursor: string, build: (at: Date, tieBreaker: string) => T, separator = '::'): T {
  const [ms, tieBreaker] = cursor.split(separator);
  const at = new Date(Number(ms));
  if (!tieBreaker || !/^\d+$/.test(ms) || Number.isNaN(at.getTime()))
    throw invalidRequest('Malformed cursor');
  return build(at, tieBreaker);
}
