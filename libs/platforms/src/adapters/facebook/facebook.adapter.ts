import { Comment, Page, PagePost } from 'facebook-nodejs-business-sdk';
import { InvalidContent } from '../../port/platform-errors';
import type { PlatformAdapter } from '../../port/platform-adapter';
import { readBackPages } from '../../port/read-back-pages';
import type {
  AccountProfile,
  ChannelConnection,
  ContentRules,
  DirectMessageRequest,
  InboundPage,
  MediaInput,
  PlatformCapabilities,
  PublishedPost,
  PublishRequest,
  PublishResult,
  ReadBackRequest,
  RefreshedCredentials,
  ReplyRequest,
  WebhookSubscriptionRequest,
} from '../../port/platform-types';
import type { GraphApi } from '../meta/graph-api';
import { graphCall } from '../meta/graph-errors';
import { type GraphList, nextCursor } from '../meta/graph-list';
import { walkInbound } from '../meta/graph-inbound';
import { parseGraphTime } from '../meta/graph-time';
import { sendPageMessage } from '../meta/graph-messaging';
import { graphMultipart } from '../meta/graph-upload';
import { graphApiFor } from '../meta/meta-connection';
import { subscribeMetaWebhooks } from '../meta/graph-webhooks';
import { FACEBOOK_CONTENT_RULES } from './facebook-content-rules';
import { facebookInbound } from './facebook-inbound';
import { MetaConnector } from '../meta/meta-connector';

/** How many recent posts readBack searches for the page's own comments (its replies). */
const REPLY_SEARCH_POSTS = 10;
/** Graph's largest page. */
const LARGEST_PAGE = 100;

function postUrl(postId: string): string {
  const [pageId, local] = postId.split('_');
  return local ? `https://www.facebook.com/${pageId}/posts/${local}` : `https://www.facebook.com/${postId}`;
}

function commentUrl(commentId: string): string {
  return `https://www.facebook.com/${commentId}`;
}

/**
 * Facebook Pages and Messenger through facebook-nodejs-business-sdk, one API instance per channel.
 * Credentials: `pageAccessToken` (from /me/accounts; it does not expire); externalAccountId is the page id.
 * Facebook has no threads and no idempotency key: an unknown outcome is settled by readBack.
 */
export class FacebookAdapter implements PlatformAdapter {
  readonly network = 'facebook' as const;
  readonly connector = new MetaConnector('facebook');
  readonly capabilities: PlatformCapabilities = {
    threads: false,
    directMessages: true,
    hideComments: true,
    deleteComments: true,
    deletePosts: true,
    links: true,
  };

  private readonly timeoutMs?: number;

  /** `timeoutMs`: how long one Graph call may take before it is given up (default 30 s). */
  constructor(options: { timeoutMs?: number } = {}) {
    this.timeoutMs = options.timeoutMs;
  }

  async contentRules(): Promise<ContentRules> {
    return FACEBOOK_CONTENT_RULES;
  }

  async publish(connection: ChannelConnection, request: PublishRequest): Promise<PublishResult> {
    if (request.parts.length !== 1) {
      throw new InvalidContent(this.network, 'Facebook pages have no threads: publish one part per post');
    }
    const part = request.parts[0];
    if (request.inReplyToExternalId) {
      return this.reply(connection, {
        idempotencyKey: request.idempotencyKey,
        inReplyToExternalId: request.inReplyToExternalId,
        text: part.text,
        media: part.media,
      });
    }
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    const pageId = connection.externalAccountId;
    const media = part.media ?? [];
    let postId: string;
    if (media.length === 1) {
      const photo = await this.uploadPhoto(api, pageId, media[0], { caption: part.text, published: true });
      postId = String(photo.post_id);
    } else {
      const attached: Array<{ media_fbid: string }> = [];
      for (const item of media) {
        const photo = await this.uploadPhoto(api, pageId, item, { published: false });
        attached.push({ media_fbid: String(photo.id) });
      }
      const params: Record<string, unknown> = { message: part.text };
      if (part.link) params.link = part.link;
      if (attached.length) params.attached_media = attached;
      const post = await graphCall(this.network, true, () =>
        new Page(pageId, {}, undefined, api).createFeed([], params),
      );
      postId = post.id;
    }
    const url = postUrl(postId);
    return { externalId: postId, url, parts: [{ externalId: postId, url }] };
  }

  /** Photo bytes go as multipart `source` (the SDK cannot send them); alt text is Graph's alt_text_custom. */
  private async uploadPhoto(
    api: GraphApi,
    pageId: string,
    media: MediaInput,
    options: { caption?: string; published: boolean },
  ): Promise<Record<string, unknown>> {
    if (!media.mimeType.startsWith('image/')) {
      throw new InvalidContent(this.network, `Facebook posts take images here, not ${media.mimeType}`);
    }
    const form = new FormData();
    form.set(
      'source',
      new Blob([new Uint8Array(media.data)], { type: media.mimeType }),
      media.filename ?? 'image',
    );
    form.set('published', String(options.published));
    if (options.caption) form.set('caption', options.caption);
    if (media.altText) form.set('alt_text_custom', media.altText);
    return graphCall(this.network, true, () => graphMultipart(api, `${pageId}/photos`, form));
  }

  async readBack(connection: ChannelConnection, request: ReadBackRequest): Promise<PublishedPost[]> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    const pageId = connection.externalAccountId;
    // Older pages by the `after` cursor, offered while `paging.next` is.
    const posts = await readBackPages(request, LARGEST_PAGE, async (size, cursor) => {
      const feed = (await graphCall(this.network, false, () =>
        api.call('GET', [pageId, 'feed'], {
          fields: 'id,message,created_time,permalink_url',
          limit: size,
          ...(cursor ? { after: cursor } : {}),
        }),
      )) as GraphList;
      return {
        posts: (feed.data ?? []).map((p) => ({
          externalId: String(p.id),
          url: typeof p.permalink_url === 'string' ? p.permalink_url : postUrl(String(p.id)),
          text: typeof p.message === 'string' ? p.message : '',
          createdAt: parseGraphTime(p.created_time),
        })),
        next: nextCursor(feed),
      };
    });
    // The page's own comments are its replies: a reply's unknown outcome is settled from them.
    for (const post of posts.slice(0, REPLY_SEARCH_POSTS)) {
      const comments = (await graphCall(this.network, false, () =>
        api.call('GET', [post.externalId, 'comments'], {
          fields: 'id,message,from,created_time,parent',
          filter: 'stream',
          order: 'reverse_chronological',
          // The newest page of each: the read-back's own limit (500 when a post is settled) is more than a page.
          limit: Math.min(request.limit, LARGEST_PAGE),
        }),
      )) as GraphList;
      for (const c of comments.data ?? []) {
        if ((c.from as { id?: string } | undefined)?.id !== pageId) continue;
        posts.push({
          externalId: String(c.id),
          url: commentUrl(String(c.id)),
          text: typeof c.message === 'string' ? c.message : '',
          createdAt: parseGraphTime(c.created_time),
          inReplyToExternalId: (c.parent as { id?: string } | undefined)?.id ?? post.externalId,
        });
      }
    }
    return posts.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, request.limit);
  }

  async deletePost(connection: ChannelConnection, externalId: string): Promise<void> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    await graphCall(this.network, true, () => new PagePost(externalId, {}, undefined, api).delete([]));
  }

  async fetchInbound(connection: ChannelConnection, cursor: string | null): Promise<InboundPage> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    return graphCall(this.network, false, () =>
      walkInbound(api, facebookInbound(connection.externalAccountId), cursor),
    );
  }

  async reply(connection: ChannelConnection, request: ReplyRequest): Promise<PublishResult> {
    if (request.media?.length) {
      throw new InvalidContent(
        this.network,
        'Replies to Facebook comments are text only here: remove the media',
      );
    }
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    const comment = await graphCall(this.network, true, () =>
      new Comment(request.inReplyToExternalId, {}, undefined, api).createComment([], {
        message: request.text,
      }),
    );
    const url = commentUrl(comment.id);
    return { externalId: comment.id, url, parts: [{ externalId: comment.id, url }] };
  }

  /**
   * Messenger Send API as a RESPONSE: allowed within 24 hours of the person's last message; after that
   * Graph's (#10/2018278) becomes InvalidContent saying the window has passed.
   */
  async sendDirectMessage(
    connection: ChannelConnection,
    request: DirectMessageRequest,
  ): Promise<PublishResult> {
    return sendPageMessage(this.network, connection, connection.externalAccountId, request, {
      timeoutMs: this.timeoutMs,
      inboxUrl: 'https://www.facebook.com/messages',
    });
  }

  async hideComment(connection: ChannelConnection, externalId: string, hidden: boolean): Promise<void> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    await graphCall(this.network, true, () => api.call('POST', [externalId], { is_hidden: hidden }));
  }

  async deleteComment(connection: ChannelConnection, externalId: string): Promise<void> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    await graphCall(this.network, true, () => api.call('DELETE', [externalId], {}));
  }

  async verifyCredentials(connection: ChannelConnection): Promise<AccountProfile> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    const page = await graphCall(this.network, false, () =>
      new Page(connection.externalAccountId, {}, undefined, api).get(['id', 'name', 'username', 'link']),
    );
    const data = page._data;
    const id = String(data.id ?? connection.externalAccountId);
    return {
      externalAccountId: id,
      handle: typeof data.username === 'string' ? data.username : connection.handle,
      displayName: typeof data.name === 'string' ? data.name : connection.handle,
      profileUrl: typeof data.link === 'string' ? data.link : `https://www.facebook.com/${id}`,
    };
  }

  /** Page tokens derived from a long-lived user token do not expire: nothing to refresh. */
  async refreshCredentials(): Promise<RefreshedCredentials | null> {
    return null;
  }

  readonly webhookSource = 'meta';

  /** Installs our app on the page for `feed` and Messenger events (see graph-webhooks.ts). */
  async subscribeWebhooks(connection: ChannelConnection, request: WebhookSubscriptionRequest): Promise<void> {
    await subscribeMetaWebhooks(
      this.network,
      connection,
      connection.externalAccountId,
      request,
      this.timeoutMs,
    );
  }
}
