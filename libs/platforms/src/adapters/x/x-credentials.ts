import type { ChannelConnection } from '../../port/platform-types';
import { AuthExpired } from '../../port/platform-errors';

/**
 * The credentials an X channel stores (OAuth 2.0 user context, PKCE):
 * - accessToken: the user's bearer token (expires, 2 hours on X);
 * - refreshToken: rotates on every refresh (scope offline.access);
 * - clientId, clientSecret: the app's OAuth 2.0 client (secret absent for a public client).
 */
export interface XCredentials {
  accessToken: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
}

export function xCredentials(connection: ChannelConnection): XCredentials {
  const { accessToken, refreshToken, clientId, clientSecret } = connection.credentials;
  if (!accessToken) {
    throw new AuthExpired(
      'x',
      `The X channel ${connection.handle} (${connection.channelId}) has no access token: reconnect it.`,
    );
  }
  return { accessToken, refreshToken, clientId, clientSecret };
}
