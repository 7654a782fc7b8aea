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
import { Contact } from './contact.entity';
import { Conversation } from './conversation.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

/**
 * A legal hold on one conversation or on one contact (which covers every conversation the contact started and
 * every message they wrote). While in force (`released_at` null) the retention purge keeps everything it covers.
 * Kept after release as its history; at most one hold in force per conversation and per contact.
 */
@Entity('legal_hold')
@Index('uq_legal_hold_active_conversation', ['conversationId'], {
  unique: true,
  where: 'released_at IS NULL AND conversation_id IS NOT NULL',
})
@Index('uq_legal_hold_active_contact', ['contactId'], {
  unique: true,
  where: 'released_at IS NULL AND contact_id IS NOT NULL',
})
@Index('ix_legal_hold_org_placed', ['organisationId', 'placedAt'])
@Check('ck_legal_hold_one_subject', `(conversation_id IS NULL) <> (contact_id IS NULL)`)
export class LegalHold {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'placed_by', type: 'uuid', nullable: true })
  placedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'placed_by' })
  placedBy?: User | null;

  /** The person as named when they placed it ("Sam Jones <sam@council.gov.uk>"). */
  @Column({ name: 'placed_by_label', type: 'varchar', length: 400 })
  placedByLabel: string;

  @CreateDateColumn({ name: 'placed_at', type: 'timestamptz' })
  placedAt: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'released_by' })
  releasedBy?: User | null;

  @Column({ name: 'released_by_label', type: 'varchar', length: 400, nullable: true })
  releasedByLabel: string | null;

  @Column({ name: 'release_reason', type: 'text', nullable: true })
  releaseReason: string | null;
}
