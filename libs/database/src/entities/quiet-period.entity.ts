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
import type { Role } from './role';
import { User } from './user.entity';

/**
 * A pre-election (or other) quiet period: from the start of `startsOn` to the end of `endsOn` in the
 * organisation's time zone, both days included. While one is in force, posts and replies on its channels need
 * approval by the roles it names, and mentions of the listed candidates and parties are flagged.
 */
@Entity('quiet_period')
@Index('ix_quiet_period_org_dates', ['organisationId', 'startsOn', 'endsOn'])
@Check('ck_quiet_period_dates', `ends_on >= starts_on`)
export class QuietPeriod {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** 'YYYY-MM-DD', a local date in the organisation's zone; the period starts at its midnight. */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  /** 'YYYY-MM-DD', included: the period ends at the following midnight. */
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  /** The channels it applies to; empty means every channel of the organisation. */
  @Column({ name: 'channel_ids', type: 'uuid', array: true, default: () => "'{}'" })
  channelIds: string[];

  /** Who must approve posts and replies while it is in force. */
  @Column({ name: 'approver_roles', type: 'varchar', length: 16, array: true })
  approverRoles: Role[];

  /** Candidates and parties whose mention is flagged, one per entry. */
  @Column({ name: 'candidate_names', type: 'text', array: true, default: () => "'{}'" })
  candidateNames: string[];

  /** The "why we are quieter" explainer post. */
  @Column({ name: 'explainer_template', type: 'text' })
  explainerTemplate: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
