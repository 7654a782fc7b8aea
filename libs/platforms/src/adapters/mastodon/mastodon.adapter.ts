import type { mastodon } from 'masto';
import { Permanent, Transient } from '../../port/platform-errors';
import type { PlatformAdapter } from '../../port/platform-adapter';
import type {
  AccountProfile,
  ChannelConnection,
  ContentRules,
  DirectMessageRequest,
  InboundPage,
  InboundItem,
  MediaInput,
  PlatformCapabilities,
  PublishedPart,
  PublishedPost,
  PublishRequest,
  PublishResult,
  RateLimitState,
  ReadBackRequest,
  ReplyRequest,
} from '../../port/platform-types';
import { readBackPages } from '../../port/read-back-pages';
import { anonymousMastoClient, mastoClientFor } from './mastodon-client';
import { MastodonInstanceLimits, mastodonContentRules } from './mastodon-content-rules';
import { mapMastodonError } from './mastodon-errors';
import { normaliseMastodonNotification } from './mastodon-inbound';
import { parseMastodonRateLimit } from './mastodon-rate-limit';
import { mastodonHtmlToText } from './mastodon-text';
import { MastodonConnector } from './mastodon-connector';

/** Mastodon serves at most 80 notifications a page; 40 is its default. */
const INBOUND_PAGE_SIZE = 40;
/** Media processing is polled this often, this many times (the sandbox takes 2.5 s; real instances a few). */
const MEDIA_POLL_MS = 500;
const MEDIA_POLL_ATTEMPTS = 60;
/** Instance limits change rarely; re-read them after this long. */
const INSTANCE_CACHE_MS = 60 * 60_000;

interface StatusInput {
  text: string;
  media?: MediaInput[];
  inReplyToId?: string;
  visibility: 'public' | 'direct';
  idempotencyKey: string;
}

/**
 * Mastodon through masto 7.12. Credentials: `accessToken`. `baseUrl` is the instance origin. Every create
 * carries an Idempotency-Key, so a retry within Mastodon's hour returns the original status.
 */
export class MastodonAdapter implements PlatformAdapter {
  readonly network = 'mastodon' as const;
  readonly connector = new MastodonConnector();
  readonly capabilities: PlatformCapabilities = {
    threads: true,
    directMessages: true,
    hideComments: false,
    deleteComments: false,
    deletePosts: true,
    links: true,
  };
  private readonly instanceLimits = new Map<string, { limits: MastodonInstanceLimits; fetchedAt: number }>();

  async contentRules(connection?: ChannelConnection): Promise<ContentRules> {
    if (!connection) return mastodonContentRules();
    return mastodonContentRules(await this.limitsOf(connection.baseUrl));
  }

  async publish(connection: ChannelConnection, request: PublishRequest): Promise<PublishResult> {
    if (request.parts.length === 0)
      throw new Permanent('mastodon', 'Nothing to publish: the request has no parts');
    const client = mastoClientFor(connection);
    const parts: PublishedPart[] = [];
    let inReplyToId = request.inReplyToExternalId;
    let rateLimit: RateLimitState | undefined;
    for (const [index, part] of request.parts.entries()) {
      const text = part.link && !part.text.includes(part.link) ? `${part.text}\n\n${part.link}` : part.text;
      const created = await this.createStatus(client, {
        text,
        media: part.media,
        inReplyToId,
        visibility: 'public',
        // Each part has its own key, so a retried thread resumes without doubling the parts already posted.
        idempotencyKey: index === 0 ? request.idempotencyKey : `${request.idempotencyKey}:${index}`,
      });
      parts.push({ externalId: created.status.id, url: statusUrl(created.status) });
      rateLimit = created.rateLimit ?? rateLimit;
      inReplyToId = created.status.id;
    }
    return { externalId: parts[0].externalId, url: parts[0].url, parts, rateLimit };
  }

  async readBack(connection: ChannelConnection, request: ReadBackRequest): Promise<PublishedPost[]> {
    const client = mastoClientFor(connection);
    // Mastodon lists at most 40 statuses a page, older pages by max_id.
    return readBackPages(request, 40, async (size, cursor) => {
      try {
        const statuses = await client.v1.accounts
          .$select(connection.externalAccountId)
          .statuses.list({ limit: size, ...(cursor ? { maxId: cursor } : {}) });
        return {
          posts: statuses.map((status) => ({
            externalId: status.id,
            url: statusUrl(status),
            text: mastodonHtmlToText(status.content),
            createdAt: new Date(status.createdAt),
            inReplyToExternalId: status.inReplyToId ?? undefined,
          })),
          next: statuses.length >= size ? statuses.at(-1)?.id : undefined,
        };
      } catch (error) {
        throw mapMastodonError(error, false);
      }
    });
  }

  async deletePost(connection: ChannelConnection, externalId: string): Promise<void> {
    try {
      await mastoClientFor(connection).v1.statuses.$select(externalId).remove();
    } catch (error) {
      throw mapMastodonError(error, true);
    }
  }

  /**
   * Mention notifications after the cursor (the newest notification id seen), oldest page first, so that
   * paging with nextCursor walks forward without gaps. Direct statuses mention their recipients, so DMs
   * arrive here too, as visibility "direct".
   */
  async fetchInbound(connection: ChannelConnection, cursor: string | null): Promise<InboundPage> {
    const client = mastoClientFor(connection);
    try {
      const response = await client.v1.notifications.list.$raw({
        types: ['mention'],
        minId: cursor ?? '0',
        limit: INBOUND_PAGE_SIZE,
      });
      const notifications = response.data;
      const items = notifications
        .map((notification) => normaliseMastodonNotification(notification, connection.externalAccountId))
        .filter((item): item is InboundItem => item !== null);
      const newest = notifications.reduce<string | null>(
        (max, n) => (max === null || BigInt(n.id) > BigInt(max) ? n.id : max),
        null,
      );
      return {
        items,
        nextCursor: newest ?? cursor,
        hasMore: notifications.length >= INBOUND_PAGE_SIZE,
        rateLimit: parseMastodonRateLimit(response.headers),
      };
    } catch (error) {
      throw mapMastodonError(error, false);
    }
  }

  async reply(connection: ChannelConnection, request: ReplyRequest): Promise<PublishResult> {
    const client = mastoClientFor(connection);
    const parent = await this.call(
      () => client.v1.statuses.$select(request.inReplyToExternalId).fetch(),
      false,
    );
    // Mastodon notifies only the accounts a status names, so a reply names the person it answers.
    const mention = `@${parent.account.acct}`;
    const text =
      parent.account.id === connection.externalAccountId || request.text.includes(mention)
        ? request.text
        : `${mention} ${request.text}`;
    const created = await this.createStatus(client, {
      text,
      media: request.media,
      inReplyToId: request.inReplyToExternalId,
      visibility: parent.visibility === 'direct' ? 'direct' : 'public',
      idempotencyKey: request.idempotencyKey,
    });
    const part = { externalId: created.status.id, url: statusUrl(created.status) };
    return { ...part, parts: [part], rateLimit: created.rateLimit };
  }

  /** A Mastodon DM is a status with visibility "direct" that names its recipient. */
  async sendDirectMessage(
    connection: ChannelConnection,
    request: DirectMessageRequest,
  ): Promise<PublishResult> {
    const client = mastoClientFor(connection);
    const recipient = await this.call(
      () => client.v1.accounts.$select(request.recipientExternalId).fetch(),
      false,
    );
    const created = await this.createStatus(client, {
      text: `@${recipient.acct} ${request.text}`,
      visibility: 'direct',
      idempotencyKey: request.idempotencyKey,
    });
    const part = { externalId: created.status.id, url: statusUrl(created.status) };
    return { ...part, parts: [part], rateLimit: created.rateLimit };
  }

  hideComment(connection: ChannelConnection): Promise<void> {
    return Promise.reject(
      new Permanent(
        'mastodon',
        `Channel ${connection.handle}: Mastodon cannot hide replies from other accounts`,
      ),
    );
  }

  deleteComment(connection: ChannelConnection): Promise<void> {
    return Promise.reject(
      new Permanent(
        'mastodon',
        `Channel ${connection.handle}: Mastodon cannot delete statuses of other accounts`,
      ),
    );
  }

  async verifyCredentials(connection: ChannelConnection): Promise<AccountProfile> {
    const client = mastoClientFor(connection);
    const account = await this.call(() => client.v1.accounts.verifyCredentials(), false);
    return {
      externalAccountId: account.id,
      handle: account.acct,
      displayName: account.displayName || account.username,
      profileUrl: account.url,
    };
  }

  /** Mastodon access tokens do not expire; a revoked one needs the person to reconnect. */
  refreshCredentials(_connection?: ChannelConnection): Promise<null> {
    return Promise.resolve(null);
  }

  private async call<T>(fn: () => Promise<T>, write: boolean): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw mapMastodonError(error, write);
    }
  }

  private async createStatus(
    client: mastodon.rest.Client,
    input: StatusInput,
  ): Promise<{ status: mastodon.v1.Status; rateLimit?: RateLimitState }> {
    const mediaIds: string[] = [];
    for (const media of input.media ?? []) mediaIds.push(await this.uploadMedia(client, media));
    const response = await this.call(
      () =>
        client.v1.statuses.create.$raw(
          {
            status: input.text,
            visibility: input.visibility,
            inReplyToId: input.inReplyToId,
            mediaIds: mediaIds.length ? mediaIds : undefined,
          },
          { requestInit: { headers: { 'Idempotency-Key': input.idempotencyKey } } },
        ),
      true,
    );
    return { status: response.data, rateLimit: parseMastodonRateLimit(response.headers) };
  }

  /** v2 upload with the alt text as description, then waits (bounded) until the instance has processed it. */
  private async uploadMedia(client: mastodon.rest.Client, media: MediaInput): Promise<string> {
    const file = new Blob([media.data], { type: media.mimeType });
    const uploaded = await this.call(
      () => client.v2.media.create({ file, description: media.altText, skipPolling: true }),
      false,
    );
    let attachment = uploaded;
    for (let attempt = 0; !attachment.url && attempt < MEDIA_POLL_ATTEMPTS; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, MEDIA_POLL_MS));
      attachment = await this.call(() => client.v1.media.$select(uploaded.id).fetch(), false);
    }
    if (!attachment.url) {
      throw new Transient('mastodon', `Mastodon was still processing media ${uploaded.id}; try again later`);
    }
    return attachment.id;
  }

  private async limitsOf(baseUrl: string): Promise<MastodonInstanceLimits> {
    const cached = this.instanceLimits.get(baseUrl);
    if (cached && Date.now() - cached.fetchedAt < INSTANCE_CACHE_MS) return cached.limits;
    const instance = await this.call(() => anonymousMastoClient(baseUrl).v2.instance.fetch(), false);
    const config = instance.configuration;
    const limits: MastodonInstanceLimits = {
      maxCharacters: config.statuses?.maxCharacters,
      maxMediaPerPost: config.statuses?.maxMediaAttachments,
      mediaTypes: config.mediaAttachments?.supportedMimeTypes,
      maxImageBytes: config.mediaAttachments?.imageSizeLimit,
    };
    this.instanceLimits.set(baseUrl, { limits, fetchedAt: Date.now() });
    return limits;
  }
}

function statusUrl(status: mastodon.v1.Status): string {
  return status.url ?? status.uri;
}
