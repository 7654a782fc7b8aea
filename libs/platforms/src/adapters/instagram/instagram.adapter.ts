import { IGComment, IGMedia, IGUser } from 'facebook-nodejs-business-sdk';
import { InvalidContent, Permanent, Transient } from '../../port/platform-errors';
import type { PlatformAdapter } from '../../port/platform-adapter';
import { readBackPages } from '../../port/read-back-pages';
import type {
  AccountProfile,
  ChannelConnection,
  ContentRules,
  DirectMessageRequest,
  InboundPage,
  PlatformCapabilities,
  PublishedPost,
  PublishRequest,
  ReadBackRequest,
  PublishResult,
  RefreshedCredentials,
  ReplyRequest,
  WebhookSubscriptionRequest,
} from '../../port/platform-types';
import type { GraphApi } from '../meta/graph-api';
import { type GraphFailure, graphCall } from '../meta/graph-errors';
import { walkInbound } from '../meta/graph-inbound';
import { type GraphList, nextCursor } from '../meta/graph-list';
import { parseGraphTime } from '../meta/graph-time';
import { graphApiFor } from '../meta/meta-connection';
import { subscribeMetaWebhooks } from '../meta/graph-webhooks';
import { sendPageMessage } from '../meta/graph-messaging';
import { INSTAGRAM_CONTENT_RULES } from './instagram-content-rules';
import { instagramInbound } from './instagram-inbound';
import type { InstagramMediaUrl } from './instagram-media-url';
import { MetaConnector } from '../meta/meta-connector';

export interface InstagramAdapterOptions {
  /**
   * Where Graph can fetch an image that comes without its own `publicUrl` (the publishing runner signs one for
   * each); without either, publishing refuses media it cannot place.
   */
  mediaUrl?: InstagramMediaUrl;
  /** Container processing is polled this often, at most `maxPolls` times (then Transient). */
  pollIntervalMs?: number;
  maxPolls?: number;
  /** How long one Graph call may take before it is given up (default 30 s). */
  timeoutMs?: number;
}

/** How many recent media and comments readBack searches for the account's own comments and replies. */
const REPLY_SEARCH_MEDIA = 3;
const REPLY_SEARCH_COMMENTS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Instagram professional accounts through the linked Facebook page, on facebook-nodejs-business-sdk.
 * Credentials: `pageAccessToken` (the linked page's token) and `pageId` (the page, for Instagram Direct
 * through the page's messaging); externalAccountId is the Instagram user id. Publishing is a media
 * container from a public image URL, polled until FINISHED, then media_publish.
 */
export class InstagramAdapter implements PlatformAdapter {
  readonly network = 'instagram' as const;
  readonly connector = new MetaConnector('instagram');
  readonly capabilities: PlatformCapabilities = {
    threads: false,
    directMessages: true,
    hideComments: true,
    deleteComments: true,
    deletePosts: false,
    links: false,
  };
  private readonly pollIntervalMs: number;
  private readonly maxPolls: number;
  private readonly timeoutMs?: number;

  constructor(private readonly options: InstagramAdapterOptions = {}) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.maxPolls = options.maxPolls ?? 60;
    this.timeoutMs = options.timeoutMs;
  }

  async contentRules(): Promise<ContentRules> {
    return INSTAGRAM_CONTENT_RULES;
  }

  async publish(connection: ChannelConnection, request: PublishRequest): Promise<PublishResult> {
    if (request.parts.length !== 1) {
      throw new InvalidContent(this.network, 'Instagram has no threads: publish one part per post');
    }
    const part = request.parts[0];
    if (request.inReplyToExternalId) {
      return this.reply(connection, {
        ...request,
        inReplyToExternalId: request.inReplyToExternalId,
        text: part.text,
      });
    }
    const media = part.media ?? [];
    if (media.length === 0) {
      throw new InvalidContent(this.network, 'Instagram cannot publish text alone: add an image');
    }
    if (media.length > 1) {
      throw new InvalidContent(
        this.network,
        'Instagram posts here take one image (carousels are not supported yet)',
      );
    }
    const imageUrl = media[0].publicUrl ?? (await this.options.mediaUrl?.(media[0], connection));
    if (!imageUrl) {
      throw new Permanent(
        this.network,
        'Instagram fetches images from a public URL, and no media host is configured',
      );
    }
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    const user = new IGUser(connection.externalAccountId, {}, undefined, api);
    const params: Record<string, unknown> = { image_url: imageUrl, caption: part.text };
    if (media[0].altText) params.alt_text = media[0].altText;
    const container = await graphCall(this.network, true, () => user.createMedia([], params));
    await this.waitUntilFinished(api, container.id);
    const published = await graphCall(this.network, true, () =>
      user.createMediaPublish([], { creation_id: container.id }),
    );
    const url = await this.permalink(api, published.id);
    return { externalId: published.id, url, parts: [{ externalId: published.id, url }] };
  }

  /** Graph processes the image before it can be published: poll status_code, bounded. */
  private async waitUntilFinished(api: GraphApi, containerId: string): Promise<void> {
    for (let poll = 0; poll < this.maxPolls; poll++) {
      const container = (await graphCall(this.network, false, () =>
        api.call('GET', [containerId], { fields: 'id,status_code,status' }),
      )) as { status_code?: string; status?: string };
      if (container.status_code === 'FINISHED') return;
      if (container.status_code === 'ERROR' || container.status_code === 'EXPIRED') {
        throw new InvalidContent(
          this.network,
          `Instagram could not process the image (${container.status_code}${container.status ? `: ${container.status}` : ''})`,
        );
      }
      await sleep(this.pollIntervalMs);
    }
    throw new Transient(
      this.network,
      `Instagram was still processing the image after ${this.maxPolls} checks`,
    );
  }

  private async permalink(api: GraphApi, mediaId: string): Promise<string> {
    try {
      const media = (await api.call('GET', [mediaId], { fields: 'id,permalink' })) as { permalink?: string };
      return media.permalink ?? 'https://www.instagram.com/';
    } catch {
      // The post exists; a missing permalink must not turn a success into a failure.
      return 'https://www.instagram.com/';
    }
  }

  async readBack(connection: ChannelConnection, request: ReadBackRequest): Promise<PublishedPost[]> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    const igUserId = connection.externalAccountId;
    // Graph serves at most 100 media a page; older pages by the `after` cursor.
    const posts = await readBackPages(request, 100, async (size, cursor) => {
      const media = (await graphCall(this.network, false, () =>
        api.call('GET', [igUserId, 'media'], {
          fields: 'id,caption,timestamp,permalink',
          limit: size,
          ...(cursor ? { after: cursor } : {}),
        }),
      )) as GraphList;
      return {
        posts: (media.data ?? []).map((m) => ({
          externalId: String(m.id),
          url: typeof m.permalink === 'string' ? m.permalink : 'https://www.instagram.com/',
          text: typeof m.caption === 'string' ? m.caption : '',
          createdAt: parseGraphTime(m.timestamp),
        })),
        next: nextCursor(media),
      };
    });
    // The account's own comments and replies on its latest media settle a reply's unknown outcome.
    const own = (c: Record<string, unknown>) => (c.from as { id?: string } | undefined)?.id === igUserId;
    const asPost = (c: Record<string, unknown>, parent: string): PublishedPost => ({
      externalId: String(c.id),
      url: 'https://www.instagram.com/',
      text: typeof c.text === 'string' ? c.text : '',
      createdAt: parseGraphTime(c.timestamp),
      inReplyToExternalId: parent,
    });
    const fields = 'id,text,timestamp,from';
    for (const post of posts.slice(0, REPLY_SEARCH_MEDIA)) {
      const comments = (await graphCall(this.network, false, () =>
        api.call('GET', [post.externalId, 'comments'], { fields, limit: REPLY_SEARCH_COMMENTS }),
      )) as GraphList;
      for (const comment of comments.data ?? []) {
        if (own(comment)) {
          posts.push(asPost(comment, post.externalId));
          continue;
        }
        const replies = (await graphCall(this.network, false, () =>
          api.call('GET', [String(comment.id), 'replies'], { fields, limit: REPLY_SEARCH_COMMENTS }),
        )) as GraphList;
        posts.push(...(replies.data ?? []).filter(own).map((r) => asPost(r, String(comment.id))));
      }
    }
    return posts.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, request.limit);
  }

  async deletePost(): Promise<void> {
    throw new Permanent(
      this.network,
      'Instagram does not let apps delete published posts: delete it in the app',
    );
  }

  async fetchInbound(connection: ChannelConnection, cursor: string | null): Promise<InboundPage> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    const source = instagramInbound(connection.externalAccountId, connection.credentials.pageId);
    return graphCall(this.network, false, () => walkInbound(api, source, cursor));
  }

  /** A reply to a comment goes to /{comment-id}/replies; to a post, it is a comment on the media. */
  async reply(connection: ChannelConnection, request: ReplyRequest): Promise<PublishResult> {
    if (request.media?.length) {
      throw new InvalidContent(this.network, 'Instagram comments are text only: remove the media');
    }
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    const target = request.inReplyToExternalId;
    const created = await graphCall(this.network, true, async () => {
      try {
        return await new IGComment(target, {}, undefined, api).createReply([], { message: request.text });
      } catch (error) {
        // Not a comment (#100 unknown object or edge): nothing was created, so comment on the media instead.
        const code = (error as GraphFailure).response?.code;
        if (code !== 100 && code !== 2500) throw error;
        return new IGMedia(target, {}, undefined, api).createComment([], { message: request.text });
      }
    });
    const url = 'https://www.instagram.com/';
    return { externalId: created.id, url, parts: [{ externalId: created.id, url }] };
  }

  /** Instagram Direct through the linked page's messaging: a RESPONSE within 24 hours of the person's message. */
  async sendDirectMessage(
    connection: ChannelConnection,
    request: DirectMessageRequest,
  ): Promise<PublishResult> {
    const pageId = connection.credentials.pageId;
    if (!pageId) {
      throw new Permanent(
        this.network,
        `Channel ${connection.channelId} has no linked pageId: reconnect it to message people`,
      );
    }
    return sendPageMessage(this.network, connection, pageId, request, {
      timeoutMs: this.timeoutMs,
      inboxUrl: 'https://www.instagram.com/direct/inbox/',
    });
  }

  async hideComment(connection: ChannelConnection, externalId: string, hidden: boolean): Promise<void> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    await graphCall(this.network, true, () => api.call('POST', [externalId], { hide: hidden }));
  }

  async deleteComment(connection: ChannelConnection, externalId: string): Promise<void> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    await graphCall(this.network, true, () => api.call('DELETE', [externalId], {}));
  }

  async verifyCredentials(connection: ChannelConnection): Promise<AccountProfile> {
    const api = graphApiFor(this.network, connection, this.timeoutMs);
    const user = await graphCall(this.network, false, () =>
      new IGUser(connection.externalAccountId, {}, undefined, api).get(['id', 'username', 'name']),
    );
    const data = user._data;
    const username = typeof data.username === 'string' ? data.username : connection.handle;
    return {
      externalAccountId: String(data.id ?? connection.externalAccountId),
      handle: username,
      displayName: typeof data.name === 'string' ? data.name : username,
      profileUrl: `https://www.instagram.com/${encodeURIComponent(username)}/`,
    };
  }

  /** The linked page's token from a long-lived user token does not expire: nothing to refresh. */
  async refreshCredentials(): Promise<RefreshedCredentials | null> {
    return null;
  }

  readonly webhookSource = 'meta';

  /** Instagram's events reach the app through the linked page, which installs it (see graph-webhooks.ts). */
  async subscribeWebhooks(connection: ChannelConnection, request: WebhookSubscriptionRequest): Promise<void> {
    const pageId = connection.credentials.pageId;
    if (!pageId)
      throw new Permanent(
        this.network,
        `Channel ${connection.channelId} has no linked pageId: reconnect it so Instagram can send its events`,
      );
    await subscribeMetaWebhooks(this.network, connection, pageId, request, this.timeoutMs);
  }
}
