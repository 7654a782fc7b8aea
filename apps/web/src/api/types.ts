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

export const NETWORKS = ['x', 'facebook', 'instagram', 'mastodon', 'bluesky'] as const;
export type Network = (typeof NETWORKS)[number];

export type ChannelStatus = 'connected' | 'needs_reconnect' | 'disabled';

/** One connected account on a network (GET /api/orgs/:orgId/channels). */
export interface Channel {
  id: string;
  network: Network;
  /** "X", "Facebook", ...: always shown beside the network's icon. */
  networkName: string;
  practice: boolean;
  handle: string;
  displayName: string;
  profileUrl: string | null;
  status: ChannelStatus;
  /** The status in words, e.g. "Needs reconnecting: X refused the access on Tuesday 3 March 2026: ...". */
  statusText: string;
  lastError: string | null;
  lastErrorAt: string | null;
  lastActivityAt: string | null;
  connectedAt: string;
  connectedBy: { id: string; name: string } | null;
  credentialsExpireAt: string | null;
  /** Whether the network pushes new messages (`subscribed`), refused (`failed`), or not at all (`unavailable`). */
  webhookState: 'subscribed' | 'failed' | 'unavailable' | null;
  /** Why messages are not pushed, in words; null when they are or the network has no webhooks. */
  webhookProblem: string | null;
}

/** How a network is connected, and whether this server can connect it at all. */
export interface NetworkOption {
  network: Network;
  name: string;
  method: 'oauth' | 'app_password';
  available: boolean;
  unavailableReason: string | null;
  serverUrl: 'none' | 'optional' | 'required';
  serverUrlLabel: string | null;
  serverUrlHint: string | null;
  identifierLabel: string | null;
  secretLabel: string | null;
  help: string;
}

/** An account the person may choose after consenting (Facebook pages, Instagram accounts). */
export interface ConnectableAccount {
  key: string;
  handle: string;
  displayName: string;
  alreadyConnected: boolean;
}

export interface ConnectAttempt {
  network: Network;
  networkName: string;
  accounts: ConnectableAccount[];
}
