import { apiRequest } from './client';
import type { Role } from './types';

/**
 * The approval policy (apps/api/src/posts/README.md): which roles need approval, how many approvals, whether
 * approvers may edit, and, when nobody else could approve someone's posts, what happens in words. The browser
 * test composer-guardrails.e2e-spec.ts checks these routes against the OpenAPI document.
 */
export const APPROVAL_POLICY_ROUTES = {
  approvalPolicy: ['GET', '/api/orgs/{orgId}/settings/approval-policy'],
  saveApprovalPolicy: ['PUT', '/api/orgs/{orgId}/settings/approval-policy'],
} as const satisfies Record<string, readonly ['GET' | 'PUT', string]>;

export interface ApprovalPolicyInput {
  rolesRequiringApproval: Role[];
  approvalsRequired: number;
  approversMayEdit: boolean;
}

export interface ApprovalPolicy extends ApprovalPolicyInput {
  saved: boolean;
  updatedAt: string | null;
  /** Members who may approve (owners, admins, approvers). */
  reviewerCount: number;
  /** Roles that publish without approval because nobody else could approve their posts. */
  publishDirectly: Role[];
  /** What happens when some posts cannot be approved by anyone else, and the way out; null otherwise. */
  notice: string | null;
}

const path = (name: keyof typeof APPROVAL_POLICY_ROUTES, orgId: string) =>
  APPROVAL_POLICY_ROUTES[name][1].replace('{orgId}', encodeURIComponent(orgId));

export const approvalPolicyApi = {
  get: (orgId: string) => apiRequest<ApprovalPolicy>('GET', path('approvalPolicy', orgId)),
  save: (orgId: string, input: ApprovalPolicyInput) =>
    apiRequest<ApprovalPolicy>('PUT', path('saveApprovalPolicy', orgId), input),
};

/** Whether this role's posts go for approval under the policy as it applies to the people there are. */
export function roleNeedsApproval(policy: ApprovalPolicy, role: Role): boolean {
  return policy.rolesRequiringApproval.includes(role) && !policy.publishDirectly.includes(role);
}
