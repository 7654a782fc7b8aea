import type { Request, Response } from 'express';

/**
 * The networks the sandbox speaks. Meta's module registers two: `facebook` (Pages and Messenger) and
 * `instagram`. Everything in the core (accounts, ledger, faults, rate limits, crowd) is keyed by these names.
 * The registry accepts other names too, so tests of the core can register a stand-in network.
 */
export const SANDBOX_NETWORKS = ['x', 'facebook', 'instagram', 'mastodon', 'bluesky'] as const;
export type SandboxNetworkName = (typeof SANDBOX_NETWORKS)[number];

/** POST /_sandbox/accounts body, minus `network`: what a network needs to provision an account or page. */
export interface ProvisionAccountOptions {
  /** Wanted handle or username, already checked by the core against /^[A-Za-z0-9_]{1,15}$/. */
  handle?: string;
  displayName?: string;
}

/** What POST /_sandbox/accounts answers (201): everything a real client library needs to act as this account. */
export interface ProvisionedAccount {
  /** The network's own id for the account (X user id, Facebook page id, Mastodon account id, Bluesky DID). */
  accountId: string;
  handle: string;
  displayName?: string;
  /**
   * Network-specific, for example X: { accessToken, refreshToken, clientId, clientSecret, consumerSecret },
   * Facebook: { pageId, pageAccessToken, userAccessToken, appId, appSecret }, Mastodon: { accessToken },
   * Bluesky: { identifier, password, did }. The README lists each network's keys.
   */
  credentials: Record<string, unknown>;
}

/** A simulated member of the public. Networks create the citizen's own account lazily, keyed by `key`. */
export interface Citizen {
  /** Stable across runs and seeds for the same person; equal to `handle` today. */
  key: string;
  /** 1..15 characters of [a-z0-9_]: valid as an X handle and a Mastodon username (Bluesky: append a domain). */
  handle: string;
  displayName: string;
  language: 'en' | 'cy';
}

/** A post the crowd may answer. */
export interface CrowdPost {
  postId: string;
  text?: string;
  createdAt?: Date;
}

/** The network's id of something the crowd created (reply, comment, mention, DM). */
export interface CrowdItemRef {
  objectId: string;
}

/** One item of a batch (see CrowdTarget.deliverBatch). */
export type CrowdDelivery =
  | { kind: 'reply'; postId: string; citizen: Citizen; text: string }
  | { kind: 'mention'; citizen: Citizen; text: string }
  | { kind: 'dm'; citizen: Citizen; text: string };

/**
 * How the crowd reaches a network. Each method creates the item exactly as if the citizen had used the
 * network (so it shows up in mentions, notifications, comments, conversations, and webhooks fire).
 * Crowd items are logged by the core (GET /_sandbox/crowd/items), NOT in the ledger: the ledger is what the
 * sandbox's clients created.
 */
export interface CrowdTarget {
  /** Recent posts of the account (newest first, at most `limit`), which the crowd replies to or comments on. */
  recentPosts(accountId: string, limit: number): Promise<CrowdPost[]>;
  /** A reply (X, Mastodon, Bluesky) or a comment (Facebook, Instagram) on one of the account's posts. */
  reply(accountId: string, postId: string, citizen: Citizen, text: string): Promise<CrowdItemRef>;
  /** A post by the citizen that mentions the account. Instagram may treat it as a comment on a recent post. */
  mention(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef>;
  /** A direct message (X DM, Messenger, Mastodon direct status; Bluesky: a mention if it has no DMs here). */
  directMessage(accountId: string, citizen: Citizen, text: string): Promise<CrowdItemRef>;
  /**
   * Optional, for burst mode (10,000 items a minute): create many items for one account with batched inserts.
   * Must return one ref per item, in order. Without it the crowd calls the methods above one by one.
   */
  deliverBatch?(accountId: string, items: CrowdDelivery[]): Promise<CrowdItemRef[]>;
}

/** The fault to answer with: the network writes it in its own error shape (see FaultResponder). */
export interface FaultStatus {
  status: 401 | 429 | 500 | 503;
  /** For 429: when the window resets (now + resetInSeconds, default 900 s). */
  resetAt: Date;
  /** Human-readable reason, for the error message. */
  message: string;
}

/**
 * Writes a complete HTTP response for an injected status fault, in the network's own error shape and headers
 * (X: application/problem+json and x-rate-limit-*, Meta: { error: { code, error_subcode } }, Mastodon:
 * { error } and X-RateLimit-*, Bluesky: { error, message } and RateLimit-*). For 401 answer "expired token".
 */
export type FaultResponder = (req: Request, res: Response, fault: FaultStatus) => void;

/** What each network registers with SandboxNetworkRegistry.register() in its onModuleInit. */
export interface SandboxNetworkEntry {
  network: SandboxNetworkName | string;
  /** Creates an account (or page) with fresh credentials. Must persist it in the sandbox database. */
  provisionAccount(options: ProvisionAccountOptions): Promise<ProvisionedAccount>;
  crowd: CrowdTarget;
  /** Without it, status faults are answered as { error: { status, message } }. */
  faultResponder?: FaultResponder;
}
