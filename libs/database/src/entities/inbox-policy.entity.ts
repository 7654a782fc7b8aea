import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from './organisation.entity';
import type { Role } from './role';

/**
 * The organisation's inbox policy. No row means the safe default: responders' replies need an approver. The
 * round-robin list names the people who opted in to be given new conversations in turn.
 */
@Entity('inbox_policy')
export class InboxPolicy {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** Roles whose replies need an approver before they go out. */
  @Column({ name: 'reply_approval_roles', type: 'jsonb' })
  replyApprovalRoles: Role[];

  /** People (members) who opted in to round-robin assignment, in order. */
  @Column({ name: 'round_robin_user_ids', type: 'jsonb', default: () => `'[]'` })
  roundRobinUserIds: string[];

  /** The last person round-robin gave a conversation to. */
  @Column({ name: 'round_robin_last_user_id', type: 'uuid', nullable: true })
  roundRobinLastUserId: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
