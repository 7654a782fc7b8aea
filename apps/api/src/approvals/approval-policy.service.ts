import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApprovalPolicy, AuditActor, AuditService, Role } from '@outside-in/database';
import { DataSource, EntityManager } from 'typeorm';

export interface EffectivePolicy {
  rolesRequiringApproval: Role[];
  approvalsRequired: number;
  approversMayEdit: boolean;
  saved: boolean;
  updatedAt: Date | null;
}

/** The safe default when no one has saved a policy: every post gets a second pair of eyes. */
export const DEFAULT_APPROVAL_POLICY: Omit<EffectivePolicy, 'saved' | 'updatedAt'> = {
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
    if (!row) return { ...DEFAULT_APPROVAL_POLICY, saved: false, updatedAt: null };
    return {
      rolesRequiringApproval: row.rolesRequiringApproval,
      approvalsRequired: row.approvalsRequired,
      approversMayEdit: row.approversMayEdit,
      saved: true,
      updatedAt: row.updatedAt,
    };
  }

  needsApproval(policy: EffectivePolicy, role: Role): boolean {
    // Roles that cannot publish at all (responder, viewer) never reach here; anyone unlisted may schedule.
    return policy.rolesRequiringApproval.includes(role);
  }

  async update(
    organisationId: string,
    input: Omit<EffectivePolicy, 'saved' | 'updatedAt'>,
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
