import type { AccountConnector } from './account-connector';
import type { Network } from './network';
import type {
  AccountProfile,
  ChannelConnection,
  ContentRules,
  DirectMessageRequest,
  InboundPage,
  PlatformCapabilities,
  PublishedPost,
  ReadBackRequest,
  PublishRequest,
  PublishResult,
  RefreshedCredentials,
  ReplyRequest,
  WebhookSubscriptionRequest,
} from './platform-types';

/**
 * The one port every network implements (libs/platforms/src/adapters/<network>). Every method
 * throws only PlatformError subclasses for network failures. Methods a network cannot do (see
 * `capabilities`) throw Permanent.
 */
export interface PlatformAdapter {
  readonly network: Network;
  readonly capabilities: PlatformCapabilities;
  /** How a person connects an account of this network (OAuth or an app password). */
  readonly connector: AccountConnector;

  /** The content rules; a Mastodon instance may set its own limit, so the connection may be read. */
  contentRules(connection?: ChannelConnection): Promise<ContentRules>;

  publish(connection: ChannelConnection, request: PublishRequest): Promise<PublishResult>;

  /**
   * The account's own recent posts and replies, newest first, to settle an unknown outcome: one page, or with
   * `since` every page back to that time (see read-back-pages.ts), at most `limit`.
   */
  readBack(connection: ChannelConnection, request: ReadBackRequest): Promise<PublishedPost[]>;

  deletePost(connection: ChannelConnection, externalId: string): Promise<void>;

  /** Mentions, replies, comments and direct messages since the cursor (null: from now back a little). */
  fetchInbound(connection: ChannelConnection, cursor: string | null): Promise<InboundPage>;

  reply(connection: ChannelConnection, request: ReplyRequest): Promise<PublishResult>;

  sendDirectMessage(connection: ChannelConnection, request: DirectMessageRequest): Promise<PublishResult>;

  hideComment(connection: ChannelConnection, externalId: string, hidden: boolean): Promise<void>;

  deleteComment(connection: ChannelConnection, externalId: string): Promise<void>;

  /** Checks the credentials work and returns who they act as. Throws AuthExpired when they do not. */
  verifyCredentials(connection: ChannelConnection): Promise<AccountProfile>;

  /** Refreshes credentials that expire; null when this network's credentials do not need it. */
  refreshCredentials(connection: ChannelConnection): Promise<RefreshedCredentials | null>;

  /**
   * The webhook sender this network's events come from (`meta`, `x`), when we can have them pushed; absent: the
   * network only polls. Names the route and the server settings the subscription uses.
   */
  readonly webhookSource?: string;

  /**
   * Asks the network to push this account's events to our webhook route (Meta: the app's subscription to the
   * object and fields, then the app installed on the page). Safe to repeat. Throws PlatformError subclasses.
   */
  subscribeWebhooks?(connection: ChannelConnection, request: WebhookSubscriptionRequest): Promise<void>;
}
