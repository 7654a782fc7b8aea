import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { X_NETWORK_CONFIG, XNetworkConfig } from './x-config';
import { opaqueToken } from './x-ids';
import { AuthorizeRequest, TokenResponse, X_SCOPES, XOAuthError } from './x-oauth.types';
import { XAppRow } from './x-rows';
import { XAuthRepository } from './x-auth.repository';

/** Raised before the redirect URI is trusted: shown on the authorize page itself, never redirected. */
export class AuthorizePageError extends Error {}

/** Raised after it is trusted: sent back to the app as ?error=...&state=... (RFC 6749 4.1.2.1). */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly redirectUri: string,
    readonly state: string | undefined,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const INVALID_GRANT = 'Value passed for the token was invalid.';

/** OAuth 2.0 Authorization Code with PKCE, refresh-token rotation and revocation, as X runs them. */
@Injectable()
export class XOAuthService {
  constructor(
    private readonly auth: XAuthRepository,
    @Inject(X_NETWORK_CONFIG) private readonly config: XNetworkConfig,
  ) {}

  async checkAuthorize(query: Record<string, unknown>): Promise<AuthorizeRequest> {
    const get = (name: string): string | undefined =>
      typeof query[name] === 'string' ? (query[name] as string) : undefined;
    const clientId = get('client_id');
    if (!clientId)
      throw new AuthorizePageError(
        'The link is missing client_id: the app that sent you here is misconfigured.',
      );
    const app = await this.auth.findApp(clientId);
    if (!app) throw new AuthorizePageError(`No app has the client_id "${clientId}".`);
    const redirectUri = get('redirect_uri');
    if (!redirectUri || !isHttpUrl(redirectUri)) {
      throw new AuthorizePageError(
        'The link is missing a valid redirect_uri (an absolute http or https URL).',
      );
    }
    const state = get('state');
    const fail = (error: string, description: string): never => {
      throw new AuthorizeRedirectError(redirectUri, state, error, description);
    };
    if (get('response_type') !== 'code') fail('unsupported_response_type', 'response_type must be "code".');
    if (!state) fail('invalid_request', 'state is required.');
    const codeChallenge = get('code_challenge');
    if (!codeChallenge) fail('invalid_request', 'code_challenge is required (PKCE).');
    const method = (get('code_challenge_method') ?? 'plain').toLowerCase();
    if (method !== 's256' && method !== 'plain')
      fail('invalid_request', 'code_challenge_method must be S256 or plain.');
    const scopes = (get('scope') ?? '').split(/[ +]/).filter(Boolean);
    if (!scopes.length)
      fail('invalid_scope', 'scope is required, e.g. "tweet.read users.read offline.access".');
    const unknown = scopes.filter((scope) => !(X_SCOPES as readonly string[]).includes(scope));
    if (unknown.length) fail('invalid_scope', `Unknown scope(s): ${unknown.join(', ')}.`);
    return {
      clientId,
      appName: app.name,
      redirectUri,
      state: state as string,
      codeChallenge: codeChallenge as string,
      codeChallengeMethod: method === 's256' ? 'S256' : 'plain',
      scopes: [...new Set(scopes)],
    };
  }

  /** The user said yes: a one-time code bound to the client, redirect URI and PKCE challenge. */
  async approve(request: AuthorizeRequest, userId: string): Promise<string> {
    const code = opaqueToken(32);
    await this.auth.insertAuthCode({
      code,
      client_id: request.clientId,
      user_id: userId,
      redirect_uri: request.redirectUri,
      code_challenge: request.codeChallenge,
      code_challenge_method: request.codeChallengeMethod,
      scopes: request.scopes.join(' '),
      expires_at: new Date(Date.now() + this.config.authorizationCodeTtlSeconds * 1000),
    });
    return code;
  }

  /** POST /2/oauth2/token. `basic` is the decoded Authorization: Basic header, if any. */
  async token(
    body: Record<string, unknown>,
    basic: { id: string; secret: string } | undefined,
  ): Promise<TokenResponse> {
    const field = (name: string): string | undefined =>
      typeof body[name] === 'string' ? (body[name] as string) : undefined;
    const app = await this.authenticateClient(field('client_id'), field('client_secret'), basic);
    const grantType = field('grant_type');
    if (!grantType) throw new XOAuthError(400, 'invalid_request', 'Missing required parameter [grant_type].');
    if (grantType === 'authorization_code') return this.exchangeCode(app, field);
    if (grantType === 'refresh_token') return this.refresh(app, field('refresh_token'));
    throw new XOAuthError(400, 'unsupported_grant_type', `grant_type "${grantType}" is not supported here.`);
  }

  /** POST /2/oauth2/revoke: always 200 for a known client (RFC 7009), whether or not the token existed. */
  async revoke(
    body: Record<string, unknown>,
    basic: { id: string; secret: string } | undefined,
  ): Promise<void> {
    const field = (name: string): string | undefined =>
      typeof body[name] === 'string' ? (body[name] as string) : undefined;
    const app = await this.authenticateClient(field('client_id'), field('client_secret'), basic);
    const token = field('token');
    if (!token) throw new XOAuthError(400, 'invalid_request', 'Missing required parameter [token].');
    await this.auth.revokeToken(token, app.client_id);
  }

  /** POST /oauth2/token with grant_type=client_credentials: the app-only bearer token (one per app). */
  async appToken(
    body: Record<string, unknown>,
    basic: { id: string; secret: string } | undefined,
  ): Promise<string> {
    if (body.grant_type !== 'client_credentials') {
      throw new XOAuthError(400, 'invalid_request', 'grant_type must be client_credentials.');
    }
    const app = basic ? await this.auth.findAppByConsumerKey(basic.id) : undefined;
    if (!app || !basic || !safeEqual(app.consumer_secret, basic.secret)) {
      throw new XOAuthError(403, 'unauthorized_client', 'Unable to verify your credentials');
    }
    return this.issueAppToken(app.client_id);
  }

  async issueAppToken(clientId: string): Promise<string> {
    const existing = await this.auth.findAppToken(clientId);
    if (existing) return existing;
    const token = `AAAAAAAAAAAAAAAAAAAAA${opaqueToken(48)}`;
    await this.auth.insertToken({
      token,
      kind: 'app',
      client_id: clientId,
      user_id: null,
      scopes: '',
      expires_at: null,
    });
    return token;
  }

  /** Issues an access token (and a refresh token with offline.access). */
  async issue(clientId: string, userId: string, scopes: string[]): Promise<TokenResponse> {
    const accessToken = opaqueToken(48);
    const expiresAt = new Date(Date.now() + this.config.accessTokenTtlSeconds * 1000);
    await this.auth.insertToken({
      token: accessToken,
      kind: 'access',
      client_id: clientId,
      user_id: userId,
      scopes: scopes.join(' '),
      expires_at: expiresAt,
    });
    const response: TokenResponse = {
      token_type: 'bearer',
      expires_in: this.config.accessTokenTtlSeconds,
      access_token: accessToken,
      scope: scopes.join(' '),
    };
    if (scopes.includes('offline.access')) {
      const refreshToken = opaqueToken(48);
      await this.auth.insertToken({
        token: refreshToken,
        kind: 'refresh',
        client_id: clientId,
        user_id: userId,
        scopes: scopes.join(' '),
        expires_at: new Date(Date.now() + 180 * 24 * 3600 * 1000),
      });
      response.refresh_token = refreshToken;
    }
    return response;
  }

  /**
   * Confidential clients authenticate with HTTP Basic (twitter-api-v2 also repeats client_secret in the body);
   * public clients send only client_id. A wrong secret is refused either way.
   */
  private async authenticateClient(
    clientId: string | undefined,
    clientSecret: string | undefined,
    basic: { id: string; secret: string } | undefined,
  ): Promise<XAppRow> {
    const id = basic?.id ?? clientId;
    if (!id) throw new XOAuthError(400, 'invalid_request', 'Missing required parameter [client_id].');
    const app = await this.auth.findApp(id);
    if (!app) throw new XOAuthError(401, 'unauthorized_client', 'Missing valid authorization header');
    if (basic && !safeEqual(app.client_secret, basic.secret)) {
      throw new XOAuthError(401, 'unauthorized_client', 'Missing valid authorization header');
    }
    if (clientId && clientId !== app.client_id) {
      throw new XOAuthError(400, 'invalid_request', 'client_id does not match the authorization header.');
    }
    if (clientSecret !== undefined && !safeEqual(app.client_secret, clientSecret)) {
      throw new XOAuthError(401, 'unauthorized_client', 'Missing valid authorization header');
    }
    return app;
  }

  private async exchangeCode(
    app: XAppRow,
    field: (name: string) => string | undefined,
  ): Promise<TokenResponse> {
    const code = field('code');
    const verifier = field('code_verifier');
    const redirectUri = field('redirect_uri');
    if (!code) throw new XOAuthError(400, 'invalid_request', 'Missing required parameter [code].');
    if (!verifier)
      throw new XOAuthError(400, 'invalid_request', 'Missing required parameter [code_verifier].');
    if (!redirectUri)
      throw new XOAuthError(400, 'invalid_request', 'Missing required parameter [redirect_uri].');
    // The code is spent even when the rest fails: a code is good for one attempt, as on X.
    const row = await this.auth.consumeAuthCode(code, this.auth.db);
    const valid =
      row &&
      row.client_id === app.client_id &&
      row.redirect_uri === redirectUri &&
      row.expires_at.getTime() > Date.now() &&
      pkceMatches(row.code_challenge, row.code_challenge_method, verifier);
    if (!row || !valid) throw new XOAuthError(400, 'invalid_request', INVALID_GRANT);
    return this.issue(app.client_id, String(row.user_id), row.scopes.split(' '));
  }

  /** Refresh tokens rotate: each works once, and the answer carries the next one. */
  private async refresh(app: XAppRow, refreshToken: string | undefined): Promise<TokenResponse> {
    if (!refreshToken)
      throw new XOAuthError(400, 'invalid_request', 'Missing required parameter [refresh_token].');
    const token = await this.auth.findToken(refreshToken);
    const usable =
      token &&
      token.kind === 'refresh' &&
      token.user_id &&
      token.client_id === app.client_id &&
      (!token.expires_at || token.expires_at.getTime() > Date.now()) &&
      (await this.auth.useRefreshToken(refreshToken, this.auth.db));
    if (!token || !usable) throw new XOAuthError(400, 'invalid_request', INVALID_GRANT);
    return this.issue(app.client_id, String(token.user_id), token.scopes.split(' '));
  }
}

function pkceMatches(challenge: string, method: string, verifier: string): boolean {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return safeEqual(computed, challenge);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Decodes `Authorization: Basic base64(urlencode(id):urlencode(secret))`. */
export function parseBasicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}
