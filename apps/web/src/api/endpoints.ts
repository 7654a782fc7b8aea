import { apiRequest, queryString } from './client';
import { ROUTES, routePath, type RouteName } from './routes';
import type {
  ApiToken,
  AuditFilters,
  AuditPage,
  AuditVerification,
  Channel,
  ConnectAttempt,
  CreatedApiToken,
  CreatedInvitation,
  Invitation,
  InvitationPreview,
  ListOf,
  Member,
  Network,
  NetworkOption,
  Organisation,
  Role,
  Session,
} from './types';

type Params = Record<string, string>;

/** Calls a named route with the method the route table gives it. */
function call<T>(name: RouteName, params: Params, body?: unknown, unauthorisedIsAnswer = false, query = '') {
  return apiRequest<T>(ROUTES[name][0], `${routePath(name, params)}${query}`, body, { unauthorisedIsAnswer });
}

export const authApi = {
  session: () => call<Session>('session', {}, undefined, true),
  signUp: (input: { organisationName: string; name: string; email: string; password: string }) =>
    call<Session>('signUp', {}, input),
  signIn: (input: { email: string; password: string }) => call<Session>('signIn', {}, input, true),
  signOut: () => call<void>('signOut', {}, undefined, true),
  switchOrganisation: (organisationId: string) => call<Session>('switchOrganisation', {}, { organisationId }),
};

export const invitationApi = {
  preview: (token: string) => call<InvitationPreview>('invitationPreview', { token }, undefined, true),
  accept: (token: string, input: { name?: string; password?: string }) =>
    call<Session>('acceptInvitation', { token }, input, true),
};

export const organisationApi = {
  get: (orgId: string) => call<Organisation>('organisation', { orgId }),
  members: (orgId: string) => call<ListOf<Member>>('members', { orgId }),
  changeRole: (orgId: string, userId: string, role: Role) =>
    call<Member>('changeRole', { orgId, userId }, { role }),
  removeMember: (orgId: string, userId: string) => call<void>('removeMember', { orgId, userId }),
  invitations: (orgId: string) => call<ListOf<Invitation>>('invitations', { orgId }),
  invite: (orgId: string, input: { email: string; role: Role }) =>
    call<CreatedInvitation>('invite', { orgId }, input),
  revokeInvitation: (orgId: string, invitationId: string) =>
    call<void>('revokeInvitation', { orgId, invitationId }),
  apiTokens: (orgId: string) => call<ListOf<ApiToken>>('apiTokens', { orgId }),
  createApiToken: (orgId: string, input: { name: string; expiresInDays?: number }) =>
    call<CreatedApiToken>('createApiToken', { orgId }, input),
  revokeApiToken: (orgId: string, tokenId: string) => call<void>('revokeApiToken', { orgId, tokenId }),
};

export const auditApi = {
  list: (orgId: string, filters: AuditFilters, cursor?: string, limit = 50) =>
    call<AuditPage>('audit', { orgId }, undefined, false, queryString({ ...filters, cursor, limit })),
  exportUrl: (orgId: string, filters: AuditFilters) =>
    `${routePath('auditExport', { orgId })}${queryString({ ...filters })}`,
  verify: (orgId: string) => call<AuditVerification>('auditVerify', { orgId }),
};

export const channelApi = {
  list: (orgId: string) => call<{ channels: Channel[] }>('channels', { orgId }),
  networks: (orgId: string) => call<{ networks: NetworkOption[] }>('channelNetworks', { orgId }),
  addPractice: (orgId: string) =>
    call<{ channels: Channel[]; created: number }>('addPracticeChannels', { orgId }, {}),
  /** Starts an OAuth connection; the web app then sends the browser to authorizeUrl. */
  startConnect: (
    orgId: string,
    input: { network: Network; serverUrl?: string; reconnectChannelId?: string },
  ) => call<{ authorizeUrl: string }>('startChannelConnect', { orgId }, input),
  attempt: (orgId: string, attemptId: string) =>
    call<ConnectAttempt>('channelConnectAttempt', { orgId, attemptId }),
  choose: (orgId: string, attemptId: string, accounts: string[]) =>
    call<{ channels: Channel[] }>('chooseChannelAccounts', { orgId, attemptId }, { accounts }),
  /** Networks that sign in with an app password (Bluesky). */
  signIn: (
    orgId: string,
    input: {
      network: Network;
      serverUrl?: string;
      identifier: string;
      secret: string;
      reconnectChannelId?: string;
    },
  ) => call<{ channel: Channel }>('signInChannel', { orgId }, input),
  check: (orgId: string, channelId: string) =>
    call<{ channel: Channel }>('checkChannel', { orgId, channelId }),
  disconnect: (orgId: string, channelId: string) =>
    call<{ channel: Channel }>('disconnectChannel', { orgId, channelId }),
};
