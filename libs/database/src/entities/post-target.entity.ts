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
import { Channel } from './channel.entity';
import { Organisation } from './organisation.entity';
import { Post } from './post.entity';

export const POST_TARGET_STATES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'missed',
  'cancelled',
] as const;
export type PostTargetState = (typeof POST_TARGET_STATES)[number];

/** One post of a publication on the network; several make a thread, published as a reply chain in order. */
export interface PostTargetPart {
  text: string;
  /** media_asset ids, in the order they are shown. */
  mediaIds: string[];
  /** A link the network should show as a card, where it has them. */
  link?: string | null;
}

/** What the network answered for each part, in order. */
export interface PublishedTargetPart {
  externalId: string;
  url: string;
}

/**
 * A post's variant for one channel, and the unit the publishing engine works on (libs/publishing). `version` is
 * bumped by every edit, reschedule and cancel, so a queued job for an older version does nothing; `claimToken`
 * is set by the one conditional UPDATE that moves the target to `publishing`.
 */
@Entity('post_target')
@Index('ix_post_target_due', ['state', 'scheduledAt'])
@Index('ix_post_target_calendar', ['organisationId', 'scheduledAt'])
@Index('ix_post_target_post', ['postId'])
@Index('ix_post_target_channel_external', ['channelId', 'externalId'], { where: 'external_id IS NOT NULL' })
@Check(
  'ck_post_target_state',
  `state IN ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'missed', 'cancelled')`,
)
@Check('ck_post_target_parts', `jsonb_typeof(parts) = 'array' AND jsonb_array_length(parts) >= 1`)
export class PostTarget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: Post;

  /** The post's organisation, kept here too so the calendar reads one table by (organisation, time). */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: Channel;

  /** Which half of a bilingual post this is (a language of `post.pair`); null for a single-language post. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  language: string | null;

  /**
   * Why the publishing engine is holding this waiting half of a bilingual pair (the other half failed, is not
   * ready, or has not gone out yet), in words; cleared when it may go. Null when nothing holds it.
   */
  @Column({ name: 'held_reason', type: 'text', nullable: true })
  heldReason: string | null;

  /** The content: one part, or several for a thread. */
  @Column({ type: 'jsonb' })
  parts: PostTargetPart[];

  /** The instant it is due (the organisation's zone only turns wall-clock input into this). */
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  /** A person chose "publish now": never `missed`, publish as soon as it is approved. */
  @Column({ name: 'publish_now', type: 'boolean', default: false })
  publishNow: boolean;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  state: PostTargetState;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** Not before this instant: a rate limit's reset or a retry's backoff. Null: as soon as due. */
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  /** The token of the claim that holds it in `publishing`. */
  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  /** Claims made for the current version (a rate-limited claim is given back and not counted). */
  @Column({ name: 'attempt_count', type: 'int', default: 0 })
  attemptCount: number;

  /** The first part's id and URL on the network: what people click. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ name: 'external_url', type: 'text', nullable: true })
  externalUrl: string | null;

  @Column({ name: 'published_parts', type: 'jsonb', nullable: true })
  publishedParts: PublishedTargetPart[] | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The last problem in plain words, saying what to do. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
