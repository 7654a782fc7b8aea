import type { Network } from './network';

/**
 * Everything an adapter needs to act for one channel. Base URLs are per channel so that sandbox
 * channels and real ones live side by side in one process. Credentials are decrypted by the caller
 * and opaque to generic code: each adapter documents and validates its own keys.
 */
export interface ChannelConnection {
  /** Our channel id, for logs and deterministic keys. */
  channelId: string;
  network: Network;
  /** The account's id on the network (X user id, page id, IG user id, Mastodon account id, Bluesky DID). */
  externalAccountId: string;
  handle: string;
  /** The network's API root for this channel, e.g. https://api.x.com or http://127.0.0.1:3100/x. */
  baseUrl: string;
  credentials: Readonly<Record<string, string>>;
}

/** An image or video to attach. Alt text is required for images by our own rules, whatever the network says. */
export interface MediaInput {
  data: Buffer;
  mimeType: string;
  filename?: string;
  altText?: string;
  /**
   * A signed, time-limited URL anyone can fetch these bytes from (our `PUBLIC_URL`), for networks that download
   * media themselves instead of taking uploads (Instagram's `image_url`). Others ignore it.
   */
  publicUrl?: string;
}

/** One post of a publication; a thread is several, published as a reply chain in order. */
export interface PostPart {
  text: string;
  media?: MediaInput[];
  /** A link the network should attach as a card where it has one (Facebook `link`, Bluesky external embed). */
  link?: string;
}

export interface PublishRequest {
  /**
   * Stable for this publication across attempts (for example the post target id plus its version).
   * Sent as the network's idempotency mechanism where one exists (Mastodon Idempotency-Key, Bluesky rkey).
   */
  idempotencyKey: string;
  parts: PostPart[];
  /** Publish as a reply to this post on the network (inbox replies, threads continued later). */
  inReplyToExternalId?: string;
}

export interface PublishedPart {
  externalId: string;
  url: string;
}

export interface PublishResult {
  /** The first part's id and URL: what people click. */
  externalId: string;
  url: string;
  parts: PublishedPart[];
  rateLimit?: RateLimitState;
}

/** A post of the account's own, read back to settle an unknown outcome. */
export interface PublishedPost {
  externalId: string;
  url: string;
  text: string;
  createdAt: Date;
  inReplyToExternalId?: string;
}

/** What a read-back asks for (PlatformAdapter.readBack). */
export interface ReadBackRequest {
  /** At most this many posts, newest first. */
  limit: number;
  /**
   * Page back until the posts are older than this (an unknown outcome's first attempt, less clock skew), so a
   * post is found however many went out after it; without it, one page of the newest posts.
   */
  since?: Date;
  /** Posts per request to the network (default and ceiling: the network's largest page). */
  pageSize?: number;
}

export type InboundKind = 'mention' | 'reply' | 'comment' | 'direct_message';

export interface InboundAuthor {
  externalId: string;
  handle: string;
  displayName: string;
  profileUrl: string;
  /**
   * True when the network gave only the person's id (Messenger webhooks): handle and name are placeholders, to
   * be used for a new contact but never to overwrite names already known.
   */
  nameUnknown?: boolean;
}

/** One message from the public, in one shape whatever the network. */
export interface InboundItem {
  externalId: string;
  kind: InboundKind;
  /** Groups items into one conversation: the DM conversation, or the root post of a comment or mention thread. */
  threadKey: string;
  inReplyToExternalId?: string;
  author: InboundAuthor;
  text: string;
  createdAt: Date;
  url?: string;
  language?: string;
  /** True when the account itself wrote it (our own replies echoed back). */
  fromAccount: boolean;
  /** The network's own payload, kept verbatim as evidence. */
  raw: unknown;
}

/**
 * A change the network reports to a message it delivered before: the author edited it (new text) or deleted it.
 * Applied to the stored message, which keeps its earlier text as history and stays stored as evidence.
 */
export interface InboundChange {
  /** The changed message's id, as InboundItem.externalId gave it. */
  externalId: string;
  change: 'edited' | 'deleted';
  /** The text after the edit (edited only). */
  text?: string;
  /** When it happened, by the network's clock. */
  at: Date;
  /** The network's own payload, kept as evidence. */
  raw: unknown;
}

/** What subscribing a channel to the network's webhooks needs: where to deliver, and our app on that network. */
export interface WebhookSubscriptionRequest {
  /** Our public route for this sender's deliveries, e.g. https://outside-in.example/api/webhooks/meta. */
  callbackUrl: string;
  /** The token the network echoes back when it checks the callback (Meta's hub.verify_token). */
  verifyToken: string;
  /**
   * Our app on the network, as configured on this server. Meta: app id and app secret (the app token is
   * `{id}|{secret}`). X: the app-only bearer token as `secret` (webhooks are registered per app with it).
   */
  app: { id: string; secret: string };
}

export interface InboundPage {
  items: InboundItem[];
  /** Opaque; pass it back to fetch what came after. Null when the adapter keeps no position. */
  nextCursor: string | null;
  /** More is waiting now (poll again soon). */
  hasMore: boolean;
  rateLimit?: RateLimitState;
}

export interface ReplyRequest {
  idempotencyKey: string;
  inReplyToExternalId: string;
  text: string;
  media?: MediaInput[];
}

export interface DirectMessageRequest {
  idempotencyKey: string;
  /** The recipient's id on the network (or the conversation's, where the network addresses DMs that way). */
  recipientExternalId: string;
  text: string;
}

/** Rate-limit headers of every network, in one shape. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  resetAt: Date;
}

export interface AccountProfile {
  externalAccountId: string;
  handle: string;
  displayName: string;
  profileUrl: string;
}

/** New credentials after a refresh, with when they expire (null: they do not). */
export interface RefreshedCredentials {
  credentials: Record<string, string>;
  expiresAt: Date | null;
}

/** The network's rules for content, for live counters in the composer and checks before publishing. */
export interface ContentRules {
  /** Length of `text` as the network counts it (X: twitter-text weight; Bluesky: graphemes). */
  countCharacters(text: string): number;
  maxCharacters: number;
  maxMediaPerPost: number;
  mediaTypes: string[];
  maxImageBytes: number;
  /** Instagram cannot publish text alone. */
  requiresMedia: boolean;
  altTextSupported: boolean;
  maxAltTextCharacters: number;
  threads: boolean;
}

/** What a network can do at all; generic code asks instead of branching on the network. */
export interface PlatformCapabilities {
  threads: boolean;
  directMessages: boolean;
  hideComments: boolean;
  deleteComments: boolean;
  deletePosts: boolean;
  links: boolean;
}
