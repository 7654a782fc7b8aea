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
import { Contact } from './contact.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

export const CONVERSATION_KINDS = ['comment_thread', 'mention_thread', 'direct'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CONVERSATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type ConversationPriority = (typeof CONVERSATION_PRIORITIES)[number];

/**
 * One thread the team works as a unit: the comments under one of our posts, a mention thread, or a direct
 * message conversation, on one channel. `thread_key` is the adapter's InboundItem.threadKey (the root post's
 * external id, or the DM counterpart / conversation id), unique per (channel, kind).
 *
 * The list indexes serve keyset pagination, newest activity first: `ORDER BY last_message_at DESC, id DESC`
 * with `(last_message_at, id) < ($at, $id)`, within an organisation and status (all open, closed, ...), an
 * assignee (mine) or a channel. Postgres walks a btree backwards, so ascending columns serve DESC order.
 */
@Entity('conversation')
@Index('uq_conversation_thread', ['channelId', 'kind', 'threadKey'], { unique: true })
@Index('ix_conversation_org_status_recent', ['organisationId', 'status', 'lastMessageAt', 'id'])
@Index('ix_conversation_org_assignee_recent', [
  'organisationId',
  'assigneeId',
  'status',
  'lastMessageAt',
  'id',
])
@Index('ix_conversation_channel_status_recent', ['channelId', 'status', 'lastMessageAt', 'id'])
@Index('ix_conversation_contact_recent', ['contactId', 'lastMessageAt'])
@Index('ix_conversation_snoozed_until', ['snoozedUntil'], { where: `status = 'snoozed'` })
@Check('ck_conversation_kind', `kind IN ('comment_thread', 'mention_thread', 'direct')`)
@Check('ck_conversation_status', `status IN ('open', 'pending', 'snoozed', 'closed')`)
@Check('ck_conversation_priority', `priority IN ('low', 'normal', 'high', 'urgent')`)
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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

  /** The person who started it; null only while a thread holds nothing but our own messages. */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact | null;

  @Column({ type: 'varchar', length: 20 })
  kind: ConversationKind;

  @Column({ name: 'thread_key', type: 'varchar', length: 300 })
  threadKey: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: ConversationStatus;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User | null;

  @Column({ type: 'varchar', length: 10, default: 'normal' })
  priority: ConversationPriority;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ name: 'snoozed_until', type: 'timestamptz', nullable: true })
  snoozedUntil: Date | null;

  @Column({ name: 'first_message_at', type: 'timestamptz' })
  firstMessageAt: Date;

  @Column({ name: 'last_message_at', type: 'timestamptz' })
  lastMessageAt: Date;

  /** When we first answered after the first message from the public (first response time). */
  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /**
   * Safeguarding triage: ids of the organisation's phrase sets that messages here matched (Settings ->
   * Safeguarding), in the order first matched. A match also makes the conversation urgent; the flag stays after
   * the priority is changed, so the runbook is always shown.
   */
  @Column({ name: 'safeguarding_set_ids', type: 'text', array: true, default: () => `'{}'` })
  safeguardingSetIds: string[];

  /** When a message here first matched a safeguarding set; null when none has. */
  @Column({ name: 'safeguarding_flagged_at', type: 'timestamptz', nullable: true })
  safeguardingFlaggedAt: Date | null;

  /** BCP 47 language of the thread when known (the network's, or detected). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  language: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
