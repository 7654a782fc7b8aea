// The shapes of the Outside In HTTP API (see the OpenAPI document at /api/docs-json).

export const ROLES = ['owner', 'admin', 'approver', 'editor', 'responder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export interface Membership {
  organisationId: string;
  organisationName: string;
  role: Role;
}

export interface Session {
  user: SessionUser;
  memberships: Membership[];
  currentOrganisationId: string | null;
  csrfToken: string;
}

export interface FieldProblem {
  field: string;
  problem: string;
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  details?: FieldProblem[];
}

export interface Organisation {
  id: string;
  name: string;
  timeZone: string;
  role: Role;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
  invitedBy: string | { userId?: string; name?: string; email?: string } | null;
}

export interface CreatedInvitation {
  invitation: Invitation;
  link: string;
}

export interface InvitationPreview {
  organisationName: string;
  email: string;
  role: Role;
  expiresAt: string;
  accountExists: boolean;
  signedInAs: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface CreatedApiToken {
  token: string;
  apiToken: ApiToken;
}

export interface AuditEvent {
  id: string;
  seq: number;
  createdAt: string;
  actor: { userId: string | null; label: string };
  action: string;
  subjectType: string;
  subjectId: string | null;
  summary: string;
  ip: string | null;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

export interface AuditFilters {
  action?: string;
  actorUserId?: string;
  subjectType?: string;
  from?: string;
  to?: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problems: { seq: number; problem: string }[];
  message: string;
}

export interface ListOf<T> {
  items: T[];
}
