import { apiRequest, queryString } from './client';
import type {
  ApiToken,
  AuditFilters,
  AuditPage,
  AuditVerification,
  CreatedApiToken,
  CreatedInvitation,
  Invitation,
  InvitationPreview,
  ListOf,
  Member,
  Organisation,
  Role,
  Session,
} from './types';

const org = (orgId: string) => `/api/orgs/${encodeURIComponent(orgId)}`;

export const authApi = {
  session: () => apiRequest<Session>('GET', '/api/auth/session', undefined, { unauthorisedIsAnswer: true }),
  signUp: (input: { organisationName: string; name: string; email: string; password: string }) =>
    apiRequest<Session>('POST', '/api/auth/sign-up', input),
  signIn: (input: { email: string; password: string }) =>
    apiRequest<Session>('POST', '/api/auth/sign-in', input, { unauthorisedIsAnswer: true }),
  signOut: () => apiRequest<void>('POST', '/api/auth/sign-out', undefined, { unauthorisedIsAnswer: true }),
  switchOrganisation: (organisationId: string) =>
    apiRequest<Session>('POST', '/api/auth/switch-organisation', { organisationId }),
};

export const invitationApi = {
  preview: (token: string) =>
    apiRequest<InvitationPreview>('GET', `/api/invitations/${encodeURIComponent(token)}`, undefined, {
      unauthorisedIsAnswer: true,
    }),
  accept: (token: string, input: { name?: string; password?: string }) =>
    apiRequest<Session>('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, input, {
      unauthorisedIsAnswer: true,
    }),
};

export const organisationApi = {
  get: (orgId: string) => apiRequest<Organisation>('GET', org(orgId)),
  members: (orgId: string) => apiRequest<ListOf<Member>>('GET', `${org(orgId)}/members`),
  changeRole: (orgId: string, userId: string, role: Role) =>
    apiRequest<Member>('PATCH', `${org(orgId)}/members/${encodeURIComponent(userId)}`, { role }),
  removeMember: (orgId: string, userId: string) =>
    apiRequest<void>('DELETE', `${org(orgId)}/members/${encodeURIComponent(userId)}`),
  invitations: (orgId: string) => apiRequest<ListOf<Invitation>>('GET', `${org(orgId)}/invitations`),
  invite: (orgId: string, input: { email: string; role: Role }) =>
    apiRequest<CreatedInvitation>('POST', `${org(orgId)}/invitations`, input),
  revokeInvitation: (orgId: string, invitationId: string) =>
    apiRequest<void>('DELETE', `${org(orgId)}/invitations/${encodeURIComponent(invitationId)}`),
  apiTokens: (orgId: string) => apiRequest<ListOf<ApiToken>>('GET', `${org(orgId)}/api-tokens`),
  createApiToken: (orgId: string, input: { name: string; expiresInDays?: number }) =>
    apiRequest<CreatedApiToken>('POST', `${org(orgId)}/api-tokens`, input),
  revokeApiToken: (orgId: string, tokenId: string) =>
    apiRequest<void>('DELETE', `${org(orgId)}/api-tokens/${encodeURIComponent(tokenId)}`),
};

export const auditApi = {
  list: (orgId: string, filters: AuditFilters, cursor?: string, limit = 50) =>
    apiRequest<AuditPage>('GET', `${org(orgId)}/audit${queryString({ ...filters, cursor, limit })}`),
  exportUrl: (orgId: string, filters: AuditFilters) =>
    `${org(orgId)}/audit/export.csv${queryString({ ...filters })}`,
  verify: (orgId: string) => apiRequest<AuditVerification>('GET', `${org(orgId)}/audit/verify`),
};
