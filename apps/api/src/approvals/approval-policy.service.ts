import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApprovalPolicy, AuditActor, AuditService, Membership, Role } from '@outside-in/database';
import { whoCanApprove, WhoCanApprove } from './who-can-approve';
import { DataSource, EntityManager } from 'typeorm';

export interface EffectivePolicy {
  rolesRequiringApproval: Role[];
  approvalsRequired: number;
  approversMayEdit: boolean;
  saved: boolean;
  updatedAt: Date | null;
  /** Who could approve, and what happens when nobody else could (see who-can-approve.ts). */
  reviewers: WhoCanApprove;
}

/** The safe default when no one has saved a policy: every post gets a second pair of eyes. */
export const DEFAULT_APPROVAL_POLICY: Omit<EffectivePolicy, 'saved' | 'updatedAt' | 'reviewers'> = {
  rolesRequiringApproval: ['owner', 'admin', 'approver', 'editor'],
  approvalsRequired: 1,
  approversMayEdit: false,
};

/** The roles that may approve, request changes or reject (never on their own posts). */
export const REVIEWER_ROLES: Role[] = ['owner', 'admin', 'approver'];

@Injectable()
export class ApprovalPolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EffectivePolicy> {
    const row = await manager.getRepository(ApprovalPolicy).findOneBy({ organisationId });
    const configured = row
      ? {
          rolesRequiringApproval: row.rolesRequiringApproval,
          approvalsRequired: row.approvalsRequired,
          approversMayEdit: row.approversMayEdit,
        }
      : DEFAULT_APPROVAL_POLICY;
    const counts: Array<{ role: Role; count: string }> = await manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .select('m.role', 'role')
      .addSelect('COUNT(*)', 'count')
      .where('m.organisation_id = :organisationId', { organisationId })
      .groupBy('m.role')
      .getRawMany();
    const members = Object.fromEntries(counts.map((c) => [c.role, Number(c.count)]));
    return {
      ...configured,
      saved: !!row,
      updatedAt: row?.updatedAt ?? null,
      reviewers: whoCanApprove(configured, members),
    };
  }

  needsApproval(policy: EffectivePolicy, role: Role): boolean {
    // Roles that cannot publish at all (responder, viewer) never reach here; anyone unlisted may schedule.
    return policy.rolesRequiringApproval.includes(role) && !policy.reviewers.publishDirectly.includes(role);
  }

  /** Why a post by this role went out without review, for the audit event. */
  directReason(policy: EffectivePolicy, role: Role): string {
    return policy.reviewers.publishDirectly.includes(role)
      ? `nobody else in the organisation can approve a post by ${role === 'owner' || role === 'admin' ? 'an' : 'a'} ${role} (${policy.reviewers.count} can approve, authors never approve their own)`
      : `the approval policy does not require approval for ${role}s`;
  }

  async update(
    organisationId: string,
    input: Omit<EffectivePolicy, 'saved' | 'updatedAt' | 'reviewers'>,
    actor: AuditActor,
    ip: string | null,
  ): Promise<EffectivePolicy> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.get(organisationId, manager);
      const roles = [...new Set(input.rolesRequiringApproval)];
      await manager.getRepository(ApprovalPolicy).save({
        organisationId,
        rolesRequiringApproval: roles,
        approvalsRequired: input.approvalsRequired,
        approversMayEdit: input.approversMayEdit,
        updatedById: actor.userId,
      });
      await this.audit.record(manager, {
        organisationId,
        actor,
        action: 'approval_policy.updated',
        subjectType: 'organisation',
        subjectId: organisationId,
        summary: {
          before: {
            rolesRequiringApproval: before.rolesRequiringApproval,
            approvalsRequired: before.approvalsRequired,
            approversMayEdit: before.approversMayEdit,
          },
          after: {
            rolesRequiringApproval: roles,
            approvalsRequired: input.approvalsRequired,
            approversMayEdit: input.approversMayEdit,
          },
        },
        ip,
      });
    });
    return this.get(organisationId);
  }
}
