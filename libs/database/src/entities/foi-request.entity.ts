import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Conversation } from './conversation.entity';
import { Message } from './message.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

export const FOI_OUTCOMES = ['completed', 'unmarked'] as const;
export type FoiOutcome = (typeof FOI_OUTCOMES)[number];

/**
 * A message marked as a freedom-of-information request. The clock: `due_on` is 20 working days after
 * `received_on` (the message's date in the organisation's zone), skipping the bank holidays of the region in the
 * office-hours settings when it was marked. Open until `closed_at`; closed as completed (answered) or unmarked (it
 * was not an FOI request). At most one open request per message; the retention purge keeps a message whose
 * request is open.
 */
@Entity('foi_request')
@Index('uq_foi_request_open_message', ['messageId'], { unique: true, where: 'closed_at IS NULL' })
@Index('ix_foi_request_org_due', ['organisationId', 'dueOn'], { where: 'closed_at IS NULL' })
@Check('ck_foi_request_outcome', `outcome IS NULL OR outcome IN ('completed', 'unmarked')`)
export class FoiRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  /** The local date the request was received, day 0 of the clock. */
  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'bank_holiday_region', type: 'varchar', length: 30 })
  bankHolidayRegion: string;

  @Column({ name: 'marked_by', type: 'uuid', nullable: true })
  markedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'marked_by' })
  markedBy?: User | null;

  @Column({ name: 'marked_by_label', type: 'varchar', length: 400 })
  markedByLabel: string;

  @CreateDateColumn({ name: 'marked_at', type: 'timestamptz' })
  markedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'closed_by' })
  closedBy?: User | null;

  @Column({ name: 'closed_by_label', type: 'varchar', length: 400, nullable: true })
  closedByLabel: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome: FoiOutcome | null;

  @Column({ name: 'close_note', type: 'text', nullable: true })
  closeNote: string | null;
}
