import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Message } from './message.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

export const REPLY_MODES = ['public', 'direct'] as const;
export type ReplyMode = (typeof REPLY_MODES)[number];

/**
 * Delivery of one reply we write (a `message` row with direction `out`, whose `outbound_state` is the state
 * machine): who wrote and approved it, what it answers, and the claim that makes sending happen once. A claim is
 * taken by one conditional UPDATE (`approved -> sending` with a fresh `claim_token`) committed before the network
 * call; `outcome = 'unknown'` means the call may have reached the network and is settled by reading back, never
 * by sending again blindly.
 */
@Entity('outbound_reply')
@Index('ix_outbound_reply_conversation', ['conversationId'])
export class OutboundReply {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @Column({ type: 'varchar', length: 10 })
  mode: ReplyMode;

  /** Public replies: the network id of the message answered. */
  @Column({ name: 'in_reply_to_external_id', type: 'varchar', length: 300, nullable: true })
  inReplyToExternalId: string | null;

  /** Direct replies: the recipient (or conversation) id on the network. */
  @Column({ name: 'recipient_external_id', type: 'varchar', length: 300, nullable: true })
  recipientExternalId: string | null;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id' })
  author?: User | null;

  /**
   * Sent by Outside In itself (the out-of-hours reply), not written by a person: shown as an automatic reply,
   * never counted as the first response.
   */
  @Column({ type: 'boolean', default: false })
  automatic: boolean;

  /** Why it needs approval, in words (null: the policy let it go straight out). */
  @Column({ name: 'approval_reason', type: 'text', nullable: true })
  approvalReason: string | null;

  /** Roles that may approve it (empty: any approver, owner or admin). */
  @Column({ name: 'approver_roles', type: 'jsonb', default: () => `'[]'` })
  approverRoles: string[];

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'approved_by' })
  approvedBy?: User | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  /** The first claim's time: a read-back only accepts posts made after it (less clock skew). */
  @Column({ name: 'first_claimed_at', type: 'timestamptz', nullable: true })
  firstClaimedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** An approved reply waiting for a rate limit's reset or a retry's backoff is not sent before this. */
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  /** `unknown` while a call's outcome is not known; `sent`, `failed` otherwise. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  outcome: string | null;

  /** Why it failed, in words a person can act on. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
