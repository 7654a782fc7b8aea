import type {
  AuthorizationRequest,
  CodeExchange,
  ConnectedAccount,
  OAuthConnector,
} from '../../port/account-connector';
import { AuthExpired } from '../../port/platform-errors';
import type { ChannelConnection } from '../../port/platform-types';
import { xAppClient } from './x-client';
import { callX } from './x-errors';
import { profileUrl } from './x-wire';

/** What Outside In does on X: post with media, read mentions, send and read DMs, stay connected. */
export const X_SCOPES = 'tweet.read tweet.write users.read offline.access media.write dm.read dm.write';

/**
 * OAuth 2.0 Authorization Code with PKCE (PLATFORMS.md A2). The app is configured (X_CLIENT_ID), the consent
 * page is x.com's (or the sandbox's), and the code exchange goes through twitter-api-v2, whose rewrite plugin
 * carries it to the channel's API root.
 */
export class XConnector implements OAuthConnector {
  readonly method = 'oauth' as const;
  readonly network = 'x' as const;
  readonly clientSource = 'settings' as const;

  authorizationUrl(request: AuthorizationRequest): string {
    const url = new URL(request.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: request.client.clientId,
      redirect_uri: request.redirectUri,
      scope: X_SCOPES,
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  async exchangeCode(request: CodeExchange): Promise<ConnectedAccount[]> {
    const connection: ChannelConnection = {
      channelId: 'connecting',
      network: 'x',
      externalAccountId: '',
      handle: 'the new X account',
      baseUrl: request.apiBaseUrl,
      credentials: {},
    };
    const app = xAppClient(connection, request.client.clientId, request.client.clientSecret);
    const login = await callX({ action: 'finishing the sign-in', write: false }, async () => {
      try {
        return await app.loginWithOAuth2({
          code: request.code,
          codeVerifier: request.codeVerifier,
          redirectUri: request.redirectUri,
        });
      } catch (error) {
        // A used, expired or mismatched code: X answers 400 invalid_request.
        if (error instanceof Error && 'code' in error && (error.code === 400 || error.code === 401)) {
          throw new AuthExpired(
            'x',
            'X did not accept the sign-in: start connecting again.',
            `X ${error.code}`,
          );
        }
        throw error;
      }
    });
    const me = await callX({ action: 'reading the signed-in account', write: false }, () =>
      login.client.v2.me(),
    );
    const credentials: Record<string, string> = {
      accessToken: login.accessToken,
      clientId: request.client.clientId,
    };
    if (login.refreshToken) credentials.refreshToken = login.refreshToken;
    if (request.client.clientSecret) credentials.clientSecret = request.client.clientSecret;
    return [
      {
        externalAccountId: me.data.id,
        handle: me.data.username,
        displayName: me.data.name,
        profileUrl: profileUrl(me.data.username),
        credentials,
        expiresAt: login.expiresIn ? new Date(Date.now() + login.expiresIn * 1000) : null,
      },
    ];
  }
}
