import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Channel } from './channel.entity';
import { Contact } from './contact.entity';
import { Conversation } from './conversation.entity';
import { Organisation } from './organisation.entity';

export const MESSAGE_DIRECTIONS = ['in', 'out'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const OUTBOUND_STATES = [
  'draft',
  'pending_approval',
  'approved',
  'sending',
  'sent',
  'failed',
] as const;
export type OutboundState = (typeof OUTBOUND_STATES)[number];

/**
 * One message in a conversation: from the public (`in`) or ours (`out`). The network's id is unique per channel,
 * which is what makes ingestion idempotent: the same item delivered by polling, a webhook and a replay is one
 * row (INSERT ... ON CONFLICT (channel_id, external_id) DO NOTHING). An outbound reply has no external id until
 * the network gives one (NULLs never conflict). `raw` keeps the network's payload as evidence.
 *
 * `search` is a generated tsvector ('simple' configuration: no English stemming, so Welsh and other languages
 * are not mangled) with a GIN index, for ranked full-text search.
 */
@Entity('message')
@Index('uq_message_channel_external', ['channelId', 'externalId'], { unique: true })
@Index('ix_message_conversation_time', ['conversationId', 'createdAt', 'id'])
@Index('ix_message_author_time', ['authorContactId', 'createdAt'])
// The retention purge walks an organisation's oldest messages first.
@Index('ix_message_org_received', ['organisationId', 'receivedAt'])
@Check('ck_message_direction', `direction IN ('in', 'out')`)
@Check(
  'ck_message_outbound_state',
  `outbound_state IS NULL OR outbound_state IN ('draft', 'pending_approval', 'approved', 'sending', 'sent', 'failed')`,
)
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  @ManyToOne(() => Channel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: Channel;

  @Column({ type: 'varchar', length: 3 })
  direction: MessageDirection;

  /** The network's id of the message; null for an outbound reply not yet sent. */
  @Column({ name: 'external_id', type: 'varchar', length: 300, nullable: true })
  externalId: string | null;

  /** The person who wrote it; null for our own messages. */
  @Column({ name: 'author_contact_id', type: 'uuid', nullable: true })
  authorContactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_contact_id' })
  authorContact?: Contact | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'in_reply_to_external_id', type: 'varchar', length: 300, nullable: true })
  inReplyToExternalId: string | null;

  /** The message's link on the network, when it has one. */
  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  language: string | null;

  /** When it was written, by the network's clock. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When we stored it. */
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'jsonb', nullable: true })
  raw: unknown;

  @Column({ name: 'outbound_state', type: 'varchar', length: 20, nullable: true })
  outboundState: OutboundState | null;

  /** When the author last edited it on the network (null: never edited, as far as we were told). */
  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  /** The earlier texts, oldest first, each with when it was replaced: an edit never loses what was first said. */
  @Column({ name: 'previous_versions', type: 'jsonb', nullable: true })
  previousVersions: Array<{ body: string; replacedAt: string }> | null;

  /** When the author deleted it on the network. The row stays, as evidence, shown as deleted by the author. */
  @Column({ name: 'author_deleted_at', type: 'timestamptz', nullable: true })
  authorDeletedAt: Date | null;

  /** GIN index created by the migration (TypeORM cannot declare a GIN index). */
  @Index('ix_message_search', { synchronize: false })
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('simple', body)`,
    select: false,
    insert: false,
    update: false,
    nullable: true,
  })
  search?: string;
}
