import { AtpAgent, AtUri, RichText } from '@atproto/api';
import { Permanent, Transient } from '../../port/platform-errors';
import type { PlatformAdapter } from '../../port/platform-adapter';
import type {
  AccountProfile,
  ChannelConnection,
  ContentRules,
  DirectMessageRequest,
  InboundPage,
  MediaInput,
  PlatformCapabilities,
  PublishedPart,
  PublishedPost,
  PublishRequest,
  ReadBackRequest,
  PublishResult,
  RefreshedCredentials,
  ReplyRequest,
} from '../../port/platform-types';
import { readBackPages } from '../../port/read-back-pages';
import { mapBlueskyError } from './bluesky-errors';
import {
  alreadySeen,
  decodeBlueskyCursor,
  encodeBlueskyCursor,
  normaliseBlueskyNotification,
  topOf,
} from './bluesky-inbound';
import { parseBlueskyRateLimit } from './bluesky-rate-limit';
import { rkeyFor } from './bluesky-rkey';
import { BlueskySessions } from './bluesky-session';
import { BLUESKY_CONTENT_RULES } from './bluesky-text';
import { postUrl } from './bluesky-urls';
import { BlueskyConnector } from './bluesky-connector';

const POST = 'app.bsky.feed.post';
const INBOUND_PAGE_SIZE = 50;
const INBOUND_REASONS = ['mention', 'reply'];

interface StrongRef {
  uri: string;
  cid: string;
}

interface ReplyRef {
  root: StrongRef;
  parent: StrongRef;
}

interface PostRecord {
  text?: string;
  createdAt?: string;
  reply?: { root?: StrongRef; parent?: StrongRef };
}

interface PostInput {
  text: string;
  media?: MediaInput[];
  link?: string;
  reply?: ReplyRef;
  rkey: string;
}

/**
 * Bluesky through @atproto/api 0.19's AtpAgent, with service = the channel's baseUrl. Credentials:
 * `identifier`, `password` (an app password), optionally `accessJwt`/`refreshJwt` (see BlueskySessions).
 * Idempotency is a record key derived from the idempotency key. Bluesky chat (DMs) is not served.
 */
export class BlueskyAdapter implements PlatformAdapter {
  readonly network = 'bluesky' as const;
  readonly connector = new BlueskyConnector();
  readonly capabilities: PlatformCapabilities = {
    threads: true,
    directMessages: false,
    hideComments: false,
    deleteComments: false,
    deletePosts: true,
    links: true,
  };
  private readonly sessions = new BlueskySessions();

  contentRules(): Promise<ContentRules> {
    return Promise.resolve(BLUESKY_CONTENT_RULES);
  }

  async publish(connection: ChannelConnection, request: PublishRequest): Promise<PublishResult> {
    if (request.parts.length === 0)
      throw new Permanent('bluesky', 'Nothing to publish: the request has no parts');
    const agent = await this.sessions.agentFor(connection);
    let reply = request.inReplyToExternalId
      ? await this.replyRefTo(agent, request.inReplyToExternalId)
      : undefined;
    const parts: PublishedPart[] = [];
    for (const [index, part] of request.parts.entries()) {
      const created = await this.createPost(agent, connection, {
        ...part,
        reply,
        // Each part has its own key, so a retried thread resumes without doubling what was posted.
        rkey: rkeyFor(index === 0 ? request.idempotencyKey : `${request.idempotencyKey}:${index}`),
      });
      parts.push({ externalId: created.uri, url: postUrl(connection.handle, created.uri) });
      reply = { root: reply?.root ?? created, parent: created };
    }
    return { externalId: parts[0].externalId, url: parts[0].url, parts };
  }

  async readBack(connection: ChannelConnection, request: ReadBackRequest): Promise<PublishedPost[]> {
    const agent = await this.sessions.agentFor(connection);
    const did = agent.session?.did ?? connection.externalAccountId;
    // The author feed serves at most 100 a page, older pages by its cursor; reposts are not ours.
    return readBackPages(request, 100, async (size, cursor) => {
      const feed = await this.call(() =>
        agent.getAuthorFeed({ actor: did, limit: size, cursor, filter: 'posts_with_replies' }),
      );
      return {
        posts: feed.data.feed
          .filter((item) => !item.reason && item.post.author.did === did)
          .map((item) => {
            const record = item.post.record as PostRecord;
            return {
              externalId: item.post.uri,
              url: postUrl(item.post.author.handle, item.post.uri),
              text: record.text ?? '',
              createdAt: new Date(record.createdAt ?? item.post.indexedAt),
              inReplyToExternalId: record.reply?.parent?.uri,
            };
          }),
        next: feed.data.feed.length ? feed.data.cursor : undefined,
      };
    });
  }

  async deletePost(connection: ChannelConnection, externalId: string): Promise<void> {
    const agent = await this.sessions.agentFor(connection);
    await this.call(() => agent.deletePost(externalId), true);
  }

  /** Mentions and replies, walked down from the newest to what an earlier sweep delivered (see the cursor). */
  async fetchInbound(connection: ChannelConnection, cursor: string | null): Promise<InboundPage> {
    const agent = await this.sessions.agentFor(connection);
    const did = agent.session?.did ?? connection.externalAccountId;
    const state = decodeBlueskyCursor(cursor);
    const response = await this.call(() =>
      agent.listNotifications({ limit: INBOUND_PAGE_SIZE, cursor: state.page, reasons: INBOUND_REASONS }),
    );
    const notifications = response.data.notifications;
    const fresh = notifications.filter((n) => !alreadySeen(n, state) && INBOUND_REASONS.includes(n.reason));
    const reachedSeen = notifications.some((n) => alreadySeen(n, state));
    const top = topOf(fresh, { at: state.topAt, uris: state.topUris });
    // Filtered by reason, the AppView returns pages of any size (it stops reading at half a page of matches,
    // or after ten pages of other notifications): only the absence of a cursor says the list has ended.
    const more = !reachedSeen && Boolean(response.data.cursor);
    let next;
    if (more) {
      next = { ...state, page: response.data.cursor, topAt: top.at, topUris: top.uris };
    } else if (top.at) {
      const seenUris = top.at === state.seenAt ? [...new Set([...state.seenUris, ...top.uris])] : top.uris;
      next = { seenAt: top.at, seenUris };
    } else {
      next = { seenAt: state.seenAt, seenUris: state.seenUris };
    }
    return {
      items: fresh.map((n) => normaliseBlueskyNotification(n, did)),
      nextCursor: encodeBlueskyCursor(next),
      hasMore: more,
      rateLimit: parseBlueskyRateLimit(response.headers),
    };
  }

  async reply(connection: ChannelConnection, request: ReplyRequest): Promise<PublishResult> {
    const agent = await this.sessions.agentFor(connection);
    const reply = await this.replyRefTo(agent, request.inReplyToExternalId);
    const created = await this.createPost(agent, connection, {
      text: request.text,
      media: request.media,
      reply,
      rkey: rkeyFor(request.idempotencyKey),
    });
    const part = { externalId: created.uri, url: postUrl(connection.handle, created.uri) };
    return { ...part, parts: [part] };
  }

  sendDirectMessage(connection: ChannelConnection, _request?: DirectMessageRequest): Promise<PublishResult> {
    return Promise.reject(
      new Permanent(
        'bluesky',
        `Channel ${connection.handle}: Bluesky direct messages (chat) are not supported`,
      ),
    );
  }

  hideComment(connection: ChannelConnection): Promise<void> {
    return Promise.reject(
      new Permanent('bluesky', `Channel ${connection.handle}: hiding Bluesky replies is not supported`),
    );
  }

  deleteComment(connection: ChannelConnection): Promise<void> {
    return Promise.reject(
      new Permanent('bluesky', `Channel ${connection.handle}: Bluesky cannot delete posts of other accounts`),
    );
  }

  async verifyCredentials(connection: ChannelConnection): Promise<AccountProfile> {
    const agent = await this.sessions.agentFor(connection);
    const session = await this.call(() => agent.com.atproto.server.getSession());
    const profile = await this.call(() => agent.getProfile({ actor: session.data.did }));
    return {
      externalAccountId: session.data.did,
      handle: session.data.handle,
      displayName: profile.data.displayName || session.data.handle,
      profileUrl: `https://bsky.app/profile/${session.data.handle}`,
    };
  }

  /** The session's new JWTs (the agent also refreshes by itself between calls). */
  async refreshCredentials(connection: ChannelConnection): Promise<RefreshedCredentials> {
    return this.sessions.refresh(connection);
  }

  private async call<T>(fn: () => Promise<T>, write = false): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw mapBlueskyError(error, write);
    }
  }

  /** The reply refs for answering a post: its own strong ref as parent, and its thread's root. */
  private async replyRefTo(agent: AtpAgent, uri: string): Promise<ReplyRef> {
    let parsed: AtUri;
    try {
      parsed = new AtUri(uri);
    } catch {
      throw new Permanent('bluesky', `Not a Bluesky post address (at://...): ${uri}`);
    }
    const found = await this.call(() =>
      agent.com.atproto.repo.getRecord({
        repo: parsed.hostname,
        collection: parsed.collection,
        rkey: parsed.rkey,
      }),
    );
    if (!found.data.cid) throw new Permanent('bluesky', `Bluesky post ${uri} has no content id`);
    const parent = { uri: found.data.uri, cid: found.data.cid };
    const root = (found.data.value as PostRecord).reply?.root;
    return { root: root?.uri && root.cid ? { uri: root.uri, cid: root.cid } : parent, parent };
  }

  private async createPost(
    agent: AtpAgent,
    connection: ChannelConnection,
    input: PostInput,
  ): Promise<StrongRef> {
    const repo = agent.session?.did ?? connection.externalAccountId;
    const text = new RichText({ text: input.text });
    await this.call(() => text.detectFacets(agent));
    const images = [];
    for (const media of input.media ?? []) {
      const uploaded = await this.call(() =>
        agent.uploadBlob(new Uint8Array(media.data), { encoding: media.mimeType }),
      );
      images.push({ image: uploaded.data.blob, alt: media.altText ?? '' });
    }
    const embed = images.length
      ? { $type: 'app.bsky.embed.images', images }
      : input.link
        ? {
            $type: 'app.bsky.embed.external',
            external: { uri: input.link, title: input.link, description: '' },
          }
        : undefined;
    const record = {
      $type: POST,
      text: text.text,
      facets: text.facets,
      createdAt: new Date().toISOString(),
      ...(input.reply ? { reply: input.reply } : {}),
      ...(embed ? { embed } : {}),
    };
    try {
      const created = await agent.com.atproto.repo.createRecord({
        repo,
        collection: POST,
        rkey: input.rkey,
        record,
      });
      return { uri: created.data.uri, cid: created.data.cid };
    } catch (error) {
      const mapped = mapBlueskyError(error, true);
      // A PDS answers a create onto an existing record key with a bare 500: an earlier attempt got through.
      if (mapped instanceof Transient) {
        const existing = await this.existing(agent, repo, input.rkey);
        if (existing) return existing;
      }
      throw mapped;
    }
  }

  private async existing(agent: AtpAgent, repo: string, rkey: string): Promise<StrongRef | null> {
    try {
      const found = await agent.com.atproto.repo.getRecord({ repo, collection: POST, rkey });
      return found.data.cid ? { uri: found.data.uri, cid: found.data.cid } : null;
    } catch {
      return null;
    }
  }
}
