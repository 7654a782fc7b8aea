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
            const account = await this.repo.accountByDid(call.did!);
            const seenAt = call.params.seenAt
              ? new Date(String(call.params.seenAt))
              : (account?.seen_at ?? null);
            return json({ count: await this.repo.unreadCount(call.did!, seenAt) });
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
      cursor: cursor ? decodeCursor(cursor, (at, rkey) => ({ indexedAt: at, rkey })) : undefined,
      filter: filter ?? 'posts_with_replies',
    });
    const last = rows.at(-1);
    return json({
      ...(last ? { cursor: encodeCursor(last.indexed_at, last.rkey) } : {}),
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
    const account = await this.repo.accountByDid(call.did!);
    if (!account) throw invalidRequest('Profile not found');
    const rows = await this.repo.listNotifications(account.did, {
      limit: limit ?? 50,
      cursor: cursor ? decodeCursor(cursor, (at, id) => ({ indexedAt: at, id })) : undefined,
      reasons,
    });
    const last = rows.at(-1);
    return json({
      ...(last ? { cursor: encodeCursor(last.indexed_at, last.id) } : {}),
      // A seenAt parameter decides what counts as read for this call, as in the AppView.
      notifications: await this.views.notificationViews(rows, seenAt ? new Date(seenAt) : account.seen_at),
      priority: false,
      ...(account.seen_at ? { seenAt: account.seen_at.toISOString() } : {}),
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

/** Keyset cursors like the AppView's: the sort time in milliseconds and a tie-breaker. */
function encodeCursor(at: Date, tieBreaker: string): string {
  return `${at.getTime()}::${tieBreaker}`;
}

function decodeCursor<T>(cursor: string, build: (at: Date, tieBreaker: string) => T): T {
  const [ms, tieBreaker] = cursor.split('::');
  const at = new Date(Number(ms));
  if (!tieBreaker || !/^\d+$/.test(ms) || Number.isNaN(at.getTime()))
    throw invalidRequest('Malformed cursor');
  return build(at, tieBreaker);
}
