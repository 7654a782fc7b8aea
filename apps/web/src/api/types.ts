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
  /** The name of who sent it. */
  invitedBy: string | null;
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

/** What changed, as the API records it: usually { before?, after? } plus a few identifying fields. */
export type AuditSummary = Record<string, unknown> | string | null;

export interface AuditEvent {
  id: string;
  /** A bigint in the database, so it may arrive as a string. */
  seq: number | string;
  createdAt: string;
  actor: { userId: string | null; label: string };
  action: string;
  subjectType: string;
  subjectId: string | null;
  summary: AuditSummary;
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
  problems: { seq: number | string; problem: string }[];
  message: string;
}

export interface ListOf<T> {
  items: T[];
}
