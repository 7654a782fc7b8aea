import type { EUploadMimeType, TwitterApi } from 'twitter-api-v2';
import type { PlatformAdapter } from '../../port/platform-adapter';
import { AuthExpired, InvalidContent, Permanent, PlatformError } from '../../port/platform-errors';
import { readBackPages } from '../../port/read-back-pages';
import type {
  AccountProfile,
  ChannelConnection,
  ContentRules,
  DirectMessageRequest,
  InboundItem,
  InboundPage,
  MediaInput,
  PlatformCapabilities,
  PostPart,
  PublishedPart,
  PublishedPost,
  PublishRequest,
  PublishResult,
  RateLimitState,
  ReadBackRequest,
  RefreshedCredentials,
  ReplyRequest,
  WebhookSubscriptionRequest,
} from '../../port/platform-types';
import { xAppClient, xUserClient } from './x-client';
import { XConnector } from './x-connector';
import { xCredentials } from './x-credentials';
import { X_CONTENT_RULES, X_IMAGE_TYPES } from './x-content-rules';
import { callX } from './x-errors';
import { directMessageItem, mentionItem, usersById } from './x-inbound';
import {
  advanceSweep,
  decodeCursor,
  encodeCursor,
  idAbove,
  sweepInProgress,
  type XSweep,
} from './x-inbound-cursor';
import { parseXRateLimit } from './x-rate-limit';
import {
  profileUrl,
  repliedTo,
  tweetUrl,
  type XDmEvent,
  type XPage,
  type XTweet,
  type XUser,
} from './x-wire';

export interface XAdapterOptions {
  /** Items per page of mentions and DM events (X allows 5–100 for mentions, 1–100 for DMs). */
  pageSize?: number;
  /** Give up on a write after this long: the outcome is then unknown (default 30 s). */
  writeTimeoutMs?: number;
}

const TWEET_FIELDS = 'created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,lang';

/**
 * X through twitter-api-v2 with OAuth 2.0 user tokens (credentials: see x-credentials.ts). Media goes up
 * through the v2 chunked upload and its alt text through POST /2/media/metadata. Inbound items are
 * mentions and DM events. X has no idempotency key: a lost answer to a write is OutcomeUnknown and the
 * caller reads back. Hiding replies (PUT /2/tweets/:id/hidden) is not served by our sandbox, so it is
 * not offered yet; X never lets an account delete other people's replies.
 */
export class XAdapter implements PlatformAdapter {
  readonly network = 'x' as const;
  readonly connector = new XConnector();
  readonly capabilities: PlatformCapabilities = {
    threads: true,
    directMessages: true,
    hideComments: false,
    deleteComments: false,
    deletePosts: true,
    links: true,
  };
  private readonly pageSize: number;
  private readonly writeTimeoutMs: number;

  constructor(options: XAdapterOptions = {}) {
    this.pageSize = Math.min(100, Math.max(5, options.pageSize ?? 100));
    this.writeTimeoutMs = options.writeTimeoutMs ?? 30_000;
  }

  contentRules(): Promise<ContentRules> {
    return Promise.resolve(X_CONTENT_RULES);
  }

  async publish(connection: ChannelConnection, request: PublishRequest): Promise<PublishResult> {
    if (request.parts.length === 0) {
      throw new InvalidContent('x', 'Nothing to publish: give at least one part with text or media.');
    }
    const client = this.client(connection);
    const parts: PublishedPart[] = [];
    let parent = request.inReplyToExternalId;
    let rateLimit: RateLimitState | undefined;
    for (const [index, part] of request.parts.entries()) {
      const what =
        request.parts.length > 1 ? `publishing part ${index + 1} of a thread` : 'publishing a post';
      const posted = await this.postTweet(client, connection, part, parent, what);
      parts.push(posted.part);
      rateLimit = posted.rateLimit ?? rateLimit;
      parent = posted.part.externalId;
    }
    return { externalId: parts[0].externalId, url: parts[0].url, parts, rateLimit };
  }

  async readBack(connection: ChannelConnection, request: ReadBackRequest): Promise<PublishedPost[]> {
    // X filters by time itself (start_time, whole seconds); max_results is 5 to 100.
    const startTime = request.since
      ? { start_time: `${request.since.toISOString().slice(0, 19)}Z` }
      : undefined;
    return readBackPages(request, 100, async (size, cursor) => {
      const page = await callX({ action: 'reading back recent posts', write: false }, () =>
        this.client(connection).v2.get<XPage<XTweet>>(
          'users/:id/tweets',
          {
            max_results: Math.max(5, size),
            'tweet.fields': TWEET_FIELDS,
            ...startTime,
            ...(cursor ? { pagination_token: cursor } : {}),
          },
          { params: { id: connection.externalAccountId } },
        ),
      );
      return {
        posts: (page.data ?? []).slice(0, size).map((tweet) => ({
          externalId: tweet.id,
          url: tweetUrl(connection.handle, tweet.id),
          text: tweet.text,
          createdAt: tweet.created_at ? new Date(tweet.created_at) : new Date(),
          inReplyToExternalId: repliedTo(tweet),
        })),
        next: page.meta?.next_token,
      };
    });
  }

  async deletePost(connection: ChannelConnection, externalId: string): Promise<void> {
    await callX({ action: `deleting post ${externalId}`, write: false }, () =>
      this.client(connection).v2.deleteTweet(externalId),
    );
  }

  async fetchInbound(connection: ChannelConnection, cursor: string | null): Promise<InboundPage> {
    const position = decodeCursor(cursor);
    // A new round starts both sweeps; a round in progress carries on with the sweeps still paging.
    const newRound = !sweepInProgress(position.mentions) && !sweepInProgress(position.dms);
    const client = this.client(connection);
    const items: InboundItem[] = [];
    let rateLimit: RateLimitState | undefined;
    if (newRound || sweepInProgress(position.mentions)) {
      const page = await this.mentionsPage(client, connection, position.mentions);
      items.push(...page.items);
      position.mentions = page.sweep;
      rateLimit = page.rateLimit;
    }
    if (newRound || sweepInProgress(position.dms)) {
      const page = await this.dmPage(client, connection, position.dms);
      items.push(...page.items);
      position.dms = page.sweep;
      rateLimit = page.rateLimit ?? rateLimit;
    }
    return {
      items,
      nextCursor: encodeCursor(position),
      hasMore: sweepInProgress(position.mentions) || sweepInProgress(position.dms),
      rateLimit,
    };
  }

  async reply(connection: ChannelConnection, request: ReplyRequest): Promise<PublishResult> {
    return this.publish(connection, {
      idempotencyKey: request.idempotencyKey,
      inReplyToExternalId: request.inReplyToExternalId,
      parts: [{ text: request.text, media: request.media }],
    });
  }

  async sendDirectMessage(
    connection: ChannelConnection,
    request: DirectMessageRequest,
  ): Promise<PublishResult> {
    if (!request.text.trim()) throw new InvalidContent('x', 'A direct message needs some text.');
    const sent = await callX({ action: 'sending a direct message', write: true }, () =>
      this.client(connection).v2.post<{ data: { dm_conversation_id: string; dm_event_id: string } }>(
        'dm_conversations/with/:participant_id/messages',
        { text: request.text },
        {
          params: { participant_id: request.recipientExternalId },
          fullResponse: true,
          timeout: this.writeTimeoutMs,
        },
      ),
    );
    const { dm_conversation_id: conversation, dm_event_id: id } = sent.data.data;
    const url = `https://x.com/messages/${conversation}`;
    return {
      externalId: id,
      url,
      parts: [{ externalId: id, url }],
      rateLimit: parseXRateLimit(sent.headers),
    };
  }

  hideComment(_connection: ChannelConnection, _externalId: string, _hidden: boolean): Promise<void> {
    return Promise.reject(
      new Permanent(
        'x',
        'Hiding replies on X is not available yet (the sandbox does not serve PUT /2/tweets/:id/hidden).',
      ),
    );
  }

  deleteComment(_connection: ChannelConnection, _externalId: string): Promise<void> {
    return Promise.reject(new Permanent('x', 'X does not let an account delete other people’s replies.'));
  }

  async verifyCredentials(connection: ChannelConnection): Promise<AccountProfile> {
    const me = await callX({ action: 'checking the channel’s access', write: false }, () =>
      this.client(connection).v2.me(),
    );
    return {
      externalAccountId: me.data.id,
      handle: me.data.username,
      displayName: me.data.name,
      profileUrl: profileUrl(me.data.username),
    };
  }

  async refreshCredentials(connection: ChannelConnection): Promise<RefreshedCredentials | null> {
    const { refreshToken, clientId, clientSecret } = xCredentials(connection);
    if (!refreshToken || !clientId) {
      throw new AuthExpired(
        'x',
        `The X channel ${connection.handle} has no refresh token or client id to renew its access: reconnect it.`,
      );
    }
    const refreshed = await callX({ action: 'refreshing the access token', write: false }, async () => {
      try {
        return await xAppClient(connection, clientId, clientSecret).refreshOAuth2Token(refreshToken);
      } catch (error) {
        // X answers a used, revoked or unknown refresh token with 400 invalid_request: only a person can fix it.
        if (error instanceof Error && 'code' in error && (error.code === 400 || error.code === 401)) {
          throw new AuthExpired(
            'x',
            `X refused to renew the access of ${connection.handle}: reconnect the channel.`,
            `X ${error.code}`,
          );
        }
        throw error;
      }
    });
    return {
      credentials: {
        ...connection.credentials,
        accessToken: refreshed.accessToken,
        // Refresh tokens rotate: the old one no longer works.
        refreshToken: refreshed.refreshToken ?? refreshToken,
      },
      expiresAt: new Date(Date.now() + refreshed.expiresIn * 1000),
    };
  }

  readonly webhookSource = 'x';

  /**
   * Account Activity: our callback is registered once per app (`GET /2/webhooks` with the app's bearer token finds
   * it; `POST /2/webhooks {url}` registers it, X then checks it with a CRC), then the account subscribes the app's
   * webhook to its own activity (`POST /2/account_activity/webhooks/:id/subscriptions/all` with its user token).
   */
  async subscribeWebhooks(connection: ChannelConnection, request: WebhookSubscriptionRequest): Promise<void> {
    const app = xUserClient(connection, request.app.secret);
    const context = { action: 'setting up X webhooks', write: true };
    // The app's token being refused says nothing about the channel's own access: not AuthExpired.
    const asApp = async <T>(call: () => Promise<T>): Promise<T> => {
      try {
        return await callX(context, call);
      } catch (error) {
        if (error instanceof AuthExpired)
          throw new Permanent(
            'x',
            `X refused this server's app bearer token (X_BEARER_TOKEN): ${error.message}`,
          );
        throw error;
      }
    };
    const listed = await asApp(() => app.v2.get<{ data?: Array<{ id: string; url: string }> }>('webhooks'));
    let webhookId = listed.data?.find((webhook) => webhook.url === request.callbackUrl)?.id;
    if (!webhookId) {
      const created = await asApp(() =>
        app.v2.post<{ data: { id: string } }>('webhooks', { url: request.callbackUrl }),
      );
      webhookId = created.data.id;
    }
    await callX(context, () =>
      this.client(connection).v2.post(
        `account_activity/webhooks/${encodeURIComponent(webhookId)}/subscriptions/all`,
        {},
      ),
    );
  }

  private client(connection: ChannelConnection): TwitterApi {
    return xUserClient(connection, xCredentials(connection).accessToken);
  }

  private async postTweet(
    client: TwitterApi,
    connection: ChannelConnection,
    part: PostPart,
    parent: string | undefined,
    action: string,
  ): Promise<{ part: PublishedPart; rateLimit?: RateLimitState }> {
    const mediaIds = await this.uploadAll(client, part.media ?? []);
    // X has no link attachment: the link goes in the text, where X turns it into a card.
    const text = part.link && !part.text.includes(part.link) ? `${part.text} ${part.link}`.trim() : part.text;
    const body = {
      text,
      ...(parent ? { reply: { in_reply_to_tweet_id: parent } } : {}),
      ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}),
    };
    const response = await callX({ action, write: true }, () =>
      client.v2.post<{ data: { id: string } }>('tweets', body, {
        fullResponse: true,
        timeout: this.writeTimeoutMs,
      }),
    );
    const id = response.data.data.id;
    return {
      part: { externalId: id, url: tweetUrl(connection.handle, id) },
      rateLimit: parseXRateLimit(response.headers),
    };
  }

  private async uploadAll(client: TwitterApi, media: MediaInput[]): Promise<string[]> {
    if (media.length > X_CONTENT_RULES.maxMediaPerPost) {
      throw new InvalidContent('x', `X takes at most ${X_CONTENT_RULES.maxMediaPerPost} images in a post.`);
    }
    const ids: string[] = [];
    for (const item of media) {
      if (!X_IMAGE_TYPES.includes(item.mimeType)) {
        throw new InvalidContent(
          'x',
          `X does not take ${item.mimeType} here: use one of ${X_IMAGE_TYPES.join(', ')}.`,
        );
      }
      const id = await callX({ action: 'uploading an image', write: false }, () =>
        client.v2.uploadMedia(item.data, { media_type: item.mimeType as EUploadMimeType }),
      );
      if (item.altText) await this.describeImage(client, id, item.altText);
      ids.push(id);
    }
    return ids;
  }

  private async describeImage(client: TwitterApi, mediaId: string, altText: string): Promise<void> {
    try {
      await callX({ action: 'adding alt text to an image', write: false }, () =>
        client.v2.createMediaMetadata(mediaId, { alt_text: { text: altText } }),
      );
    } catch (error) {
      // Posting the image without its description would shut out people using screen readers.
      if (
        error instanceof PlatformError &&
        (error.kind === 'permanent' || error.kind === 'invalid_content')
      ) {
        throw new Permanent(
          'x',
          `X did not store the image's alt text, so nothing was posted: ${error.message}`,
          error.networkCode,
        );
      }
      throw error;
    }
  }

  private async mentionsPage(
    client: TwitterApi,
    connection: ChannelConnection,
    sweep: XSweep,
  ): Promise<{ items: InboundItem[]; sweep: XSweep; rateLimit?: RateLimitState }> {
    const response = await callX({ action: 'fetching mentions', write: false }, () =>
      client.v2.get<XPage<XTweet>>(
        'users/:id/mentions',
        {
          max_results: this.pageSize,
          expansions: 'author_id',
          'tweet.fields': TWEET_FIELDS,
          'user.fields': 'username,name',
          ...(sweep.since ? { since_id: sweep.since } : {}),
          ...(sweep.token ? { pagination_token: sweep.token } : {}),
        },
        { params: { id: connection.externalAccountId }, fullResponse: true },
      ),
    );
    const page = response.data;
    const users = usersById(page.includes?.users);
    const items = (page.data ?? [])
      .filter((tweet) => idAbove(tweet.id, sweep.since))
      .map((tweet) => mentionItem(tweet, users, connection.externalAccountId));
    return {
      items,
      sweep: advanceSweep(sweep, page.meta?.newest_id ?? page.data?.[0]?.id, page.meta?.next_token),
      rateLimit: parseXRateLimit(response.headers),
    };
  }

  private async dmPage(
    client: TwitterApi,
    connection: ChannelConnection,
    sweep: XSweep,
  ): Promise<{ items: InboundItem[]; sweep: XSweep; rateLimit?: RateLimitState }> {
    const response = await callX({ action: 'fetching direct messages', write: false }, () =>
      client.v2.get<XPage<XDmEvent>>(
        'dm_events',
        {
          max_results: this.pageSize,
          event_types: 'MessageCreate',
          'dm_event.fields': 'id,text,event_type,created_at,sender_id,dm_conversation_id',
          expansions: 'sender_id',
          'user.fields': 'username,name',
          ...(sweep.token ? { pagination_token: sweep.token } : {}),
        },
        { fullResponse: true },
      ),
    );
    const page = response.data;
    const events = page.data ?? [];
    const fresh = events.filter((event) => idAbove(event.id, sweep.since));
    const users = usersById(page.includes?.users as XUser[] | undefined);
    // X's DM events have no since_id: newest first, so the first known event ends the sweep.
    const reachedKnown = fresh.length < events.length;
    const newest = fresh.reduce<string | undefined>(
      (top, e) => (top && !idAbove(e.id, top) ? top : e.id),
      undefined,
    );
    return {
      items: fresh.map((event) => directMessageItem(event, users, connection.externalAccountId)),
      sweep: advanceSweep(sweep, newest, reachedKnown ? undefined : page.meta?.next_token),
      rateLimit: parseXRateLimit(response.headers),
    };
  }
}
