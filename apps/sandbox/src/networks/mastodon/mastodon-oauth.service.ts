import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { JsonObject } from './mastodon-entities';
import { MastodonError } from './mastodon-error';
import { AppRow, MastodonOAuthRepository } from './mastodon-oauth.repository';
import { MastodonRepository } from './mastodon.repository';

/** The OAuth scopes Mastodon knows (the OAuthScope enum of the OpenAPI file). */
export const OAUTH_SCOPES = [
  'profile', 'read', 'write', 'push', 'follow', 'admin:read', 'admin:write',
  'read:accounts', 'read:blocks', 'read:bookmarks', 'read:collections', 'read:favourites', 'read:filters',
  'read:follows', 'read:lists', 'read:mutes', 'read:notifications', 'read:search', 'read:statuses',
  'write:accounts', 'write:blocks', 'write:bookmarks', 'write:collections', 'write:conversations',
  'write:favourites', 'write:filters', 'write:follows', 'write:lists', 'write:media', 'write:mutes',
  'write:notifications', 'write:reports', 'write:statuses',
]; // prettier-ignore

export const OOB_REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';

/** The web push key Mastodon hands every app (clients use it to subscribe to push; the sandbox has none). */
const VAPID_KEY = 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=';

export interface AuthorizationRequest {
  app: AppRow;
  redirectUri: string;
  scopes: string;
  state: string | null;
  codeChallenge: string | null;
}

/** Doorkeeper's error, sent either as JSON (400/401) or, once the redirect URI is trusted, in a redirect. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }

  body(): JsonObject {
    return { error: this.code, error_description: this.description };
  }
}

const INVALID_CLIENT =
  'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';
const INVALID_GRANT =
  'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
const INVALID_REDIRECT = "The requested redirect uri is malformed or doesn't match client redirect URI.";
const INVALID_SCOPE = 'The requested scope is invalid, unknown, or malformed.';

/** App registration (POST /api/v1/apps) and the OAuth 2 server Mastodon runs with Doorkeeper. */
@Injectable()
export class MastodonOAuthService {
  constructor(
    private readonly repo: MastodonRepository,
    private readonly tokens: MastodonOAuthRepository,
  ) {}

  async registerApp(body: Record<string, unknown>): Promise<JsonObject> {
    const name = typeof body.client_name === 'string' ? body.client_name.trim() : '';
    if (!name) throw MastodonError.validation("Name can't be blank", { client_name: "can't be blank" });
    const redirectUris = listOf(body.redirect_uris ?? body['redirect_uris[]']);
    if (redirectUris.length === 0) {
      throw MastodonError.validation("Redirect URI can't be blank", { redirect_uris: "can't be blank" });
    }
    for (const uri of redirectUris) {
      if (uri !== OOB_REDIRECT && !isAbsoluteUri(uri)) {
        throw MastodonError.validation('Redirect URI must be an absolute URI.', {
          redirect_uris: 'must be an absolute URI.',
        });
      }
    }
    const scopes = scopeList(typeof body.scopes === 'string' ? body.scopes : 'read');
    if (!scopes.every((scope) => OAUTH_SCOPES.includes(scope))) {
      throw MastodonError.validation('Scopes must only contain valid scopes', {
        scopes: 'must only contain valid scopes',
      });
    }
    const website = typeof body.website === 'string' && body.website.trim() ? body.website.trim() : null;
    const app = await this.tokens.insertApp({
      name,
      website,
      redirectUris,
      scopes: scopes.join(' '),
      clientId: secret(),
      clientSecret: secret(),
    });
    return {
      ...presentApp(app),
      client_id: app.client_id,
      client_secret: app.client_secret,
      client_secret_expires_at: 0,
    };
  }

  /** An app's own view (GET /api/v1/apps/verify_credentials). */
  presentApp(app: AppRow): JsonObject {
    return presentApp(app);
  }

  /**
   * Checks GET /oauth/authorize's parameters. Errors that concern the client or its redirect URI cannot be
   * redirected (400 JSON); the others travel back to the app in the redirect, as RFC 6749 4.1.2.1 says.
   */
  async checkAuthorization(query: URLSearchParams): Promise<AuthorizationRequest> {
    const app = await this.tokens.appByClientId(query.get('client_id') ?? '');
    if (!app) throw new OAuthError(401, 'invalid_client', INVALID_CLIENT);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!app.redirect_uris.includes(redirectUri))
      throw new OAuthError(400, 'invalid_redirect_uri', INVALID_REDIRECT);
    const state = query.get('state');
    const request = { app, redirectUri, scopes: '', state, codeChallenge: null };
    if (query.get('response_type') !== 'code') {
      throw new RedirectableOAuthError(
        request,
        'unsupported_response_type',
        'The authorization server does not support this response type.',
      );
    }
    const scopes = scopeList(query.get('scope') ?? 'read');
    const allowed = scopeList(app.scopes);
    if (
      scopes.length === 0 ||
      !scopes.every((scope) => allowed.includes(scope) || allowed.includes(scope.split(':')[0]))
    ) {
      throw new RedirectableOAuthError(request, 'invalid_scope', INVALID_SCOPE);
    }
    const challenge = query.get('code_challenge');
    if (challenge && (query.get('code_challenge_method') ?? 'plain') !== 'S256') {
      throw new RedirectableOAuthError(
        request,
        'invalid_request',
        'Only the S256 code challenge method is supported.',
      );
    }
    return { ...request, scopes: scopes.join(' '), codeChallenge: challenge || null };
  }

  async signIn(username: string, password: string): Promise<string | null> {
    const account = await this.repo.accountCredentials(username.replace(/^@/, ''));
    if (!account || !safeEqual(account.password, password)) return null;
    return account.id;
  }

  async issueCode(request: AuthorizationRequest, accountId: string): Promise<string> {
    const code = secret();
    await this.tokens.insertAuthCode({
      code,
      app_id: request.app.id,
      account_id: accountId,
      redirect_uri: request.redirectUri,
      scopes: request.scopes,
      code_challenge: request.codeChallenge,
    });
    return code;
  }

  /** POST /oauth/token: authorization_code (with PKCE when the code had a challenge) and client_credentials. */
  async token(body: Record<string, unknown>): Promise<JsonObject> {
    const grant = text(body.grant_type);
    if (!grant) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: grant_type.');
    if (grant !== 'authorization_code' && grant !== 'client_credentials') {
      throw new OAuthError(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server.',
      );
    }
    const app = await this.authenticateClient(body);
    if (grant === 'client_credentials') {
      const scopes = scopeList(text(body.scope) ?? 'read');
      const allowed = scopeList(app.scopes);
      if (!scopes.every((scope) => allowed.includes(scope) || allowed.includes(scope.split(':')[0]))) {
        throw new OAuthError(400, 'invalid_scope', INVALID_SCOPE);
      }
      return this.issueToken(app.id, null, scopes.join(' '));
    }
    const code = text(body.code);
    if (!code) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: code.');
    const redirectUri = text(body.redirect_uri);
    if (!redirectUri)
      throw new OAuthError(400, 'invalid_request', 'Missing required parameter: redirect_uri.');
    return this.repo.transaction(async (tx) => {
      const grantRow = await this.tokens.consumeAuthCode(code, tx);
      // Doorkeeper's codes live 10 minutes.
      const fresh = grantRow && grantRow.created_at.getTime() > Date.now() - 10 * 60_000;
      if (!grantRow || !fresh || grantRow.app_id !== app.id || grantRow.redirect_uri !== redirectUri) {
        throw new OAuthError(400, 'invalid_grant', INVALID_GRANT);
      }
      if (grantRow.code_challenge) {
        const verifier = text(body.code_verifier);
        if (
          !verifier ||
          createHash('sha256').update(verifier).digest('base64url') !== grantRow.code_challenge
        ) {
          throw new OAuthError(400, 'invalid_grant', INVALID_GRANT);
        }
      }
      const token = secret();
      const { created_at } = await this.tokens.insertToken(
        { token, appId: app.id, accountId: grantRow.account_id, scopes: grantRow.scopes },
        tx,
      );
      return tokenBody(token, grantRow.scopes, created_at);
    });
  }

  /**
   * POST /oauth/revoke (RFC 7009): 200 `{}` whether or not the token existed; 403 when the client may not
   * revoke it (Doorkeeper's "unauthorized_client").
   */
  async revoke(body: Record<string, unknown>): Promise<void> {
    const token = text(body.token);
    let app: AppRow;
    try {
      app = await this.authenticateClient(body);
    } catch {
      throw new OAuthError(403, 'unauthorized_client', 'You are not authorized to revoke this token');
    }
    if (!token) return;
    const owner = await this.tokens.tokenOwner(token);
    if (!owner) return;
    if (owner.app_id !== app.id)
      throw new OAuthError(403, 'unauthorized_client', 'You are not authorized to revoke this token');
    await this.tokens.revokeToken(token);
  }

  private async issueToken(appId: string, accountId: string | null, scopes: string): Promise<JsonObject> {
    const token = secret();
    const { created_at } = await this.tokens.insertToken({ token, appId, accountId, scopes });
    return tokenBody(token, scopes, created_at);
  }

  private async authenticateClient(body: Record<string, unknown>): Promise<AppRow> {
    const app = await this.tokens.appByClientId(text(body.client_id) ?? '');
    const given = text(body.client_secret) ?? '';
    if (!app || !safeEqual(app.client_secret, given))
      throw new OAuthError(401, 'invalid_client', INVALID_CLIENT);
    return app;
  }
}

/** An error that goes back to the app in the redirect (`?error=...&error_description=...&state=...`). */
export class RedirectableOAuthError extends OAuthError {
  constructor(
    readonly request: AuthorizationRequest,
    code: string,
    description: string,
  ) {
    super(302, code, description);
  }
}

export function redirectWith(redirectUri: string, params: Record<string, string | null>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.toString();
}

function presentApp(app: AppRow): JsonObject {
  return {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: scopeList(app.scopes),
    redirect_uri: app.redirect_uris.join('\n'),
    redirect_uris: app.redirect_uris,
    vapid_key: VAPID_KEY,
  };
}

function tokenBody(token: string, scopes: string, createdAt: Date): JsonObject {
  return {
    access_token: token,
    token_type: 'Bearer',
    scope: scopes,
    created_at: Math.floor(createdAt.getTime() / 1000),
  };
}

/** Mastodon accepts redirect_uris as an array or as one string with URIs separated by whitespace. */
function listOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  return items
    .filter((item): item is string => typeof item === 'string' && item.trim().length > 0)
    .map((item) => item.trim());
}

function scopeList(value: string): string[] {
  return [...new Set(value.split(/[\s+]+/).filter(Boolean))];
}

function isAbsoluteUri(value: string): boolean {
  try {
    const url = new URL(value);
    return Boolean(url.protocol) && !url.hash;
  } catch {
    return false;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** 43 characters of base64url, like Doorkeeper's tokens and Mastodon's client ids. */
function secret(): string {
  return randomBytes(32).toString('base64url');
}

function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
