import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/**
 * Whether the network pushes this channel's events to our webhook: `subscribed`; `failed` (the network refused or
 * could not be reached: `webhook_problem` says why in words); `unavailable` (this server takes no webhooks from that
 * network, or the network has none we use). Polling covers every channel whatever this says.
 */
export const WEBHOOK_STATES = ['subscribed', 'failed', 'unavailable'] as const;
export type WebhookState = (typeof WEBHOOK_STATES)[number];

export const CHANNEL_STATUSES = ['connected', 'needs_reconnect', 'disabled'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

/** The rate-limit state last seen on the network's headers, so a limited channel waits without slowing others. */
export interface ChannelRateLimit {
  /** When the window resets (ISO instant). */
  resetAt: string;
  remaining: number | null;
  limit: number | null;
  /** What the network limited, in its own words (an endpoint or bucket). */
  scope: string | null;
}

/**
 * One connected account on one network. Credentials are sealed with the SecretBox (AES-256-GCM, key id kept so
 * keys rotate) and bound to the channel id as associated data; they never leave the server. A disconnected
 * channel keeps its row (posts and conversations refer to it) with the credentials erased; connecting the same
 * account again brings the same row back.
 */
@Entity('channel')
@Index('uq_channel_account', ['organisationId', 'network', 'baseUrl', 'externalAccountId'], { unique: true })
@Index('ix_channel_credentials_expiry', ['credentialsExpireAt'], { where: "status = 'connected'" })
@Check('ck_channel_status', `status IN ('connected', 'needs_reconnect', 'disabled')`)
@Check('ck_channel_network', `network IN ('x', 'facebook', 'instagram', 'mastodon', 'bluesky')`)
export class Channel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 16 })
  network: string;

  /** A practice channel on the sandbox networks: labelled as practice everywhere it appears. */
  @Column({ type: 'boolean', default: false })
  practice: boolean;

  /** The account's id on the network (X user id, page id, Instagram user id, Mastodon account id, DID). */
  @Column({ name: 'external_account_id', type: 'varchar', length: 200 })
  externalAccountId: string;

  @Column({ type: 'varchar', length: 200 })
  handle: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ name: 'profile_url', type: 'text', nullable: true })
  profileUrl: string | null;

  /** The network's API root for this channel: the real host, a Mastodon instance, or the sandbox. */
  @Column({ name: 'base_url', type: 'text' })
  baseUrl: string;

  @Column({ name: 'credentials_key_id', type: 'varchar', length: 40, nullable: true })
  credentialsKeyId: string | null;

  /** Sealed JSON of the adapter's credentials; null once disconnected. */
  @Column({ name: 'credentials_sealed', type: 'text', nullable: true })
  credentialsSealed: string | null;

  /** When the stored access stops working unless refreshed (null: it does not expire). */
  @Column({ name: 'credentials_expire_at', type: 'timestamptz', nullable: true })
  credentialsExpireAt: Date | null;

  @Column({ type: 'varchar', length: 20, default: 'connected' })
  status: ChannelStatus;

  /** The last problem in plain words, naming the network and what to do. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt: Date | null;

  @Column({ name: 'rate_limit', type: 'jsonb', nullable: true })
  rateLimit: ChannelRateLimit | null;

  /** The inbound cursor the adapter gave last (opaque to us). */
  @Column({ name: 'inbound_cursor', type: 'text', nullable: true })
  inboundCursor: string | null;

  /** See WEBHOOK_STATES; null until the first attempt to subscribe. */
  @Column({ name: 'webhook_state', type: 'varchar', length: 20, nullable: true })
  webhookState: WebhookState | null;

  /** Why webhooks are not coming, in words that say what to do; null when subscribed. */
  @Column({ name: 'webhook_problem', type: 'text', nullable: true })
  webhookProblem: string | null;

  @Column({ name: 'webhook_checked_at', type: 'timestamptz', nullable: true })
  webhookCheckedAt: Date | null;

  @Column({ name: 'last_activity_at', type: 'timestamptz', nullable: true })
  lastActivityAt: Date | null;

  @Column({ name: 'connected_by', type: 'uuid', nullable: true })
  connectedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'connected_by' })
  connectedBy?: User | null;

  @Column({ name: 'connected_at', type: 'timestamptz' })
  connectedAt: Date;

  @Column({ name: 'disconnected_at', type: 'timestamptz', nullable: true })
  disconnectedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
