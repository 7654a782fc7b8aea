import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Conversation } from './conversation.entity';
import { Organisation } from './organisation.entity';

/**
 * First response and resolution times of one conversation, in wall-clock seconds and in office-hours seconds
 * (the clock stopped overnight, at weekends and on bank holidays, by the organisation's office hours when it was
 * measured). `first_response_at` and `resolved_at` are the conversation's values the figures were taken from:
 * a row whose values differ from the conversation's is stale and is measured again (libs/inbox measures).
 */
@Entity('conversation_measure')
@Index('ix_conversation_measure_org_first_inbound', ['organisationId', 'firstInboundAt'])
export class ConversationMeasure {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** The public's first message: where both clocks start. */
  @Column({ name: 'first_inbound_at', type: 'timestamptz' })
  firstInboundAt: Date;

  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'first_response_seconds', type: 'integer', nullable: true })
  firstResponseSeconds: number | null;

  @Column({ name: 'first_response_office_seconds', type: 'integer', nullable: true })
  firstResponseOfficeSeconds: number | null;

  @Column({ name: 'resolution_seconds', type: 'integer', nullable: true })
  resolutionSeconds: number | null;

  @Column({ name: 'resolution_office_seconds', type: 'integer', nullable: true })
  resolutionOfficeSeconds: number | null;

  @Column({ name: 'measured_at', type: 'timestamptz', default: () => 'now()' })
  measuredAt: Date;
}
