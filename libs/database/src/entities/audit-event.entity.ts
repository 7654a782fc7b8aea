import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from './organisation.entity';

export interface AuditSummary {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Append-only (a trigger refuses UPDATE and DELETE). Each row's hash covers its own fields and the
 * previous row's hash within the organisation, so an edited or deleted row breaks the chain.
 */
@Entity('audit_event')
@Index('uq_audit_event_org_seq', ['organisationId', 'seq'], { unique: true })
@Index('ix_audit_event_org_created', ['organisationId', 'createdAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** Who, as they were named at the time ("Sam Jones <sam@council.gov.uk>", or "system"). */
  @Column({ name: 'actor_label', type: 'varchar', length: 400 })
  actorLabel: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 40 })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 80, nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb' })
  summary: AuditSummary;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
