/**
 * Every API route the web app calls, written as in the OpenAPI document. Endpoints build their URLs from
 * these, and a browser-project test checks each one against /api/docs-json so the client cannot drift.
 */
export const ROUTES = {
  session: ['GET', '/api/auth/session'],
  signUp: ['POST', '/api/auth/sign-up'],
  signIn: ['POST', '/api/auth/sign-in'],
  signOut: ['POST', '/api/auth/sign-out'],
  switchOrganisation: ['POST', '/api/auth/switch-organisation'],
  invitationPreview: ['GET', '/api/invitations/{token}'],
  acceptInvitation: ['POST', '/api/invitations/{token}/accept'],
  organisation: ['GET', '/api/orgs/{orgId}'],
  members: ['GET', '/api/orgs/{orgId}/members'],
  changeRole: ['PATCH', '/api/orgs/{orgId}/members/{userId}'],
  removeMember: ['DELETE', '/api/orgs/{orgId}/members/{userId}'],
  invitations: ['GET', '/api/orgs/{orgId}/invitations'],
  invite: ['POST', '/api/orgs/{orgId}/invitations'],
  revokeInvitation: ['DELETE', '/api/orgs/{orgId}/invitations/{invitationId}'],
  apiTokens: ['GET', '/api/orgs/{orgId}/api-tokens'],
  createApiToken: ['POST', '/api/orgs/{orgId}/api-tokens'],
  revokeApiToken: ['DELETE', '/api/orgs/{orgId}/api-tokens/{tokenId}'],
  audit: ['GET', '/api/orgs/{orgId}/audit'],
  auditExport: ['GET', '/api/orgs/{orgId}/audit/export.csv'],
  auditVerify: ['GET', '/api/orgs/{orgId}/audit/verify'],
  channels: ['GET', '/api/orgs/{orgId}/channels'],
  channelNetworks: ['GET', '/api/orgs/{orgId}/channels/networks'],
  addPracticeChannels: ['POST', '/api/orgs/{orgId}/channels/practice'],
  startChannelConnect: ['POST', '/api/orgs/{orgId}/channels/connect'],
  channelConnectAttempt: ['GET', '/api/orgs/{orgId}/channels/connect/{attemptId}'],
  chooseChannelAccounts: ['POST', '/api/orgs/{orgId}/channels/connect/{attemptId}/choose'],
  signInChannel: ['POST', '/api/orgs/{orgId}/channels/sign-in'],
  checkChannel: ['POST', '/api/orgs/{orgId}/channels/{channelId}/check'],
  disconnectChannel: ['POST', '/api/orgs/{orgId}/channels/{channelId}/disconnect'],
} as const satisfies Record<string, readonly ['GET' | 'POST' | 'PATCH' | 'DELETE', string]>;

export type RouteName = keyof typeof ROUTES;

/** Fills the {placeholders} of a route's path, encoding each value. */
export function routePath(name: RouteName, params: Record<string, string> = {}): string {
  return ROUTES[name][1].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`Route ${name} needs ${key}`);
    return encodeURIComponent(value);
  });
}
