import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from './organisation.entity';
import type { Role } from './role';
import { User } from './user.entity';

/**
 * Who needs a second pair of eyes before a post goes out. No row means the safe default (every role needs one
 * approval, approvers may not edit while approving): the policy never opens up because a setting is missing.
 */
@Entity('approval_policy')
export class ApprovalPolicy {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation;

  /** The roles whose posts must be approved before they are scheduled. */
  @Column({ name: 'roles_requiring_approval', type: 'jsonb' })
  rolesRequiringApproval: Role[];

  /** How many different approvers (never the author) must approve. */
  @Column({ name: 'approvals_required', type: 'int', default: 1 })
  approvalsRequired: number;

  /** Whether an approver may change the post and approve it in one step. */
  @Column({ name: 'approvers_may_edit', type: 'boolean', default: false })
  approversMayEdit: boolean;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  updatedBy?: User | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
