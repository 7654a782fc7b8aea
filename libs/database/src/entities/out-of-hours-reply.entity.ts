import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Contact } from './contact.entity';
import { Message } from './message.entity';
import { Organisation } from './organisation.entity';

/**
 * One out-of-hours reply sent to one contact in one closed period of the office (libs/guardrails
 * closedPeriodId). The primary key is the rule "once per contact per closed period": two workers ingesting the
 * same person's messages at once insert one row, and only the one that inserted it sends.
 */
@Entity('out_of_hours_reply')
@Index('ix_out_of_hours_reply_message', ['messageId'])
export class OutOfHoursReply {
  @PrimaryColumn({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  /** The instant the office closed (or 'until:<next opening>'), as closedPeriodId gives it. */
  @PrimaryColumn({ name: 'closed_period_id', type: 'varchar', length: 60 })
  closedPeriodId: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** Our reply (a message with an automatic outbound_reply). */
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message;

  /** The citizen's message it answers. */
  @Column({ name: 'answers_message_id', type: 'uuid' })
  answersMessageId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
