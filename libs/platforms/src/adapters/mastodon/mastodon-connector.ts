import { createRestAPIClient } from 'masto';
import type {
  AuthorizationRequest,
  CodeExchange,
  ConnectedAccount,
  ConnectEndpoints,
  OAuthClient,
  OAuthConnector,
} from '../../port/account-connector';
import { AuthExpired } from '../../port/platform-errors';
import { mapMastodonError } from './mastodon-errors';

const SCOPES = 'read write';
const TIMEOUT_MS = 15_000;

/**
 * Mastodon is many servers: we register our app on the server the person names (POST /api/v1/apps, once per
 * server, kept by the caller), send them to that server's /oauth/authorize (with PKCE) and exchange the code at
 * /oauth/token. Mastodon tokens do not expire.
 */
export class MastodonConnector implements OAuthConnector {
  readonly method = 'oauth' as const;
  readonly network = 'mastodon' as const;
  readonly clientSource = 'per_server' as const;

  endpointsForServer(serverUrl: string): ConnectEndpoints {
    const origin = new URL(serverUrl).origin;
    return { apiBaseUrl: origin, authorizeUrl: `${origin}/oauth/authorize` };
  }

  async registerClient(
    endpoints: ConnectEndpoints,
    request: { appName: string; redirectUri: string; website: string },
  ): Promise<OAuthClient> {
    const masto = createRestAPIClient({ url: endpoints.apiBaseUrl, timeout: TIMEOUT_MS });
    try {
      const app = await masto.v1.apps.create({
        clientName: request.appName,
        redirectUris: request.redirectUri,
        scopes: SCOPES,
        website: request.website,
      });
      if (!app.clientId || !app.clientSecret) throw new Error('the server gave no client id');
      return { clientId: app.clientId, clientSecret: app.clientSecret };
    } catch (error) {
      throw mapMastodonError(error, false);
    }
  }

  authorizationUrl(request: AuthorizationRequest): string {
    const url = new URL(request.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: request.client.clientId,
      redirect_uri: request.redirectUri,
      scope: SCOPES,
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  async exchangeCode(request: CodeExchange): Promise<ConnectedAccount[]> {
    let answer: Response;
    try {
      answer = await fetch(`${request.apiBaseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          grant_type: 'authorization_code',
          code: request.code,
          client_id: request.client.clientId,
          client_secret: request.client.clientSecret,
          redirect_uri: request.redirectUri,
          code_verifier: request.codeVerifier,
          scope: SCOPES,
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw mapMastodonError(error, false);
    }
    const body = (await answer.json().catch(() => ({}))) as { access_token?: string; error?: string };
    if (!answer.ok || !body.access_token) {
      throw new AuthExpired(
        'mastodon',
        'The Mastodon server did not accept the sign-in: start connecting again.',
        `Mastodon ${answer.status}${body.error ? ` ${body.error}` : ''}`,
      );
    }
    const masto = createRestAPIClient({
      url: request.apiBaseUrl,
      accessToken: body.access_token,
      timeout: TIMEOUT_MS,
    });
    try {
      const account = await masto.v1.accounts.verifyCredentials();
      return [
        {
          externalAccountId: account.id,
          handle: account.acct,
          displayName: account.displayName || account.username,
          profileUrl: account.url,
          credentials: { accessToken: body.access_token },
          expiresAt: null,
        },
      ];
    } catch (error) {
      throw mapMastodonError(error, false);
    }
  }
}
