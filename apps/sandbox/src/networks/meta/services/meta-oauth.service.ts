import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { GraphError, invalidParameter, invalidToken } from '../graph/graph-error';
import { GraphParams } from '../graph/graph-params';
import { metaIds } from '../meta-ids';
import { MetaAccountsRepository, MetaApp, MetaToken } from '../store/meta-accounts.repository';

/** Short-lived user tokens last about two hours; long-lived ones 60 days (Meta's figures). */
export const SHORT_LIVED_SECONDS = 2 * 3600;
export const LONG_LIVED_SECONDS = 60 * 24 * 3600;
const CODE_LIFETIME_MS = 10 * 60_000;

/** The OAuth dialog's codes, /oauth/access_token's grants, and the tokens they produce. */
@Injectable()
export class MetaOAuthService {
  constructor(private readonly accounts: MetaAccountsRepository) {}

  /** The sandbox's Meta app: created once, shared by every page (as one real app serves many pages). */
  async app(): Promise<MetaApp> {
    const existing = await this.accounts.firstApp();
    if (existing) return existing;
    return this.accounts.ensureApp({
      id: metaIds.numeric().slice(0, 15),
      secret: metaIds.secret(),
      name: 'Outside In (sandbox)',
    });
  }

  async issueCode(app: MetaApp, userId: string, redirectUri: string, scopes: string[]): Promise<string> {
    const code = metaIds.oauthCode();
    await this.accounts.insertCode({
      code,
      app_id: app.id,
      user_id: userId,
      redirect_uri: redirectUri,
      scopes,
      expires_at: new Date(Date.now() + CODE_LIFETIME_MS),
    });
    return code;
  }

  async issueUserToken(
    appId: string,
    userId: string,
    scopes: string[],
    longLived: boolean,
  ): Promise<MetaToken> {
    const token = {
      token: metaIds.accessToken(),
      kind: 'user' as const,
      app_id: appId,
      user_id: userId,
      page_id: null,
      scopes,
      long_lived: longLived,
      expires_at: new Date(Date.now() + (longLived ? LONG_LIVED_SECONDS : SHORT_LIVED_SECONDS) * 1000),
    };
    await this.accounts.insertToken(token);
    return { ...token, created_at: new Date() };
  }

  /**
   * The page token a user token yields (/me/accounts, /{page-id}?fields=access_token). From a long-lived
   * user token it never expires; from a short-lived one it expires with it, as Meta documents.
   */
  async pageToken(user: MetaToken, pageId: string): Promise<string> {
    const existing = await this.accounts.findPageToken(user.app_id, user.user_id, pageId, user.long_lived);
    if (existing) return existing.token;
    const token = metaIds.accessToken();
    await this.accounts.insertToken({
      token,
      kind: 'page',
      app_id: user.app_id,
      user_id: user.user_id,
      page_id: pageId,
      scopes: user.scopes,
      long_lived: user.long_lived,
      expires_at: user.long_lived ? null : user.expires_at,
    });
    return token;
  }

  /** GET /oauth/access_token: the code exchange, fb_exchange_token and client_credentials grants. */
  async exchange(req: Request): Promise<Record<string, unknown>> {
    const p = GraphParams.from(req);
    const clientId = p.string('client_id');
    if (!clientId) throw new GraphError(101, 'Missing client_id parameter.');
    const app = await this.accounts.findApp(clientId);
    if (!app) throw new GraphError(101, 'Error validating application. Invalid application ID.');
    const secret = p.string('client_secret');
    if (!secret) throw new GraphError(1, 'Missing client_secret parameter.');
    if (secret !== app.secret) throw new GraphError(1, 'Error validating client secret.');
    const grant = p.string('grant_type');

    if (grant === 'client_credentials')
      return { access_token: `${app.id}|${app.secret}`, token_type: 'bearer' };

    if (grant === 'fb_exchange_token') {
      const shortLived = p.string('fb_exchange_token');
      if (!shortLived) throw invalidParameter('The parameter fb_exchange_token is required');
      const row = await this.accounts.findToken(shortLived);
      if (!row || row.kind !== 'user' || row.app_id !== app.id) throw invalidToken();
      if (row.expires_at && row.expires_at <= new Date()) {
        throw new GraphError(190, 'Error validating access token: Session has expired.', { subcode: 463 });
      }
      const token = await this.issueUserToken(app.id, row.user_id, row.scopes, true);
      return { access_token: token.token, token_type: 'bearer', expires_in: LONG_LIVED_SECONDS };
    }

    if (grant !== undefined && grant !== 'authorization_code') {
      throw invalidParameter(
        `Unsupported grant_type "${grant}": use fb_exchange_token or client_credentials, or send a code`,
      );
    }
    const redirectUri = p.string('redirect_uri');
    if (!redirectUri) throw oauthError('Missing redirect_uri parameter.');
    const codeValue = p.string('code');
    if (!codeValue)
      throw invalidParameter('Missing code parameter: send the code the OAuth dialog redirected with');
    const code = await this.accounts.findCode(codeValue);
    if (!code || code.app_id !== app.id)
      throw oauthError('Invalid verification code format.', { subcode: 36009 });
    if (code.redirect_uri !== redirectUri) {
      throw oauthError(
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        { subcode: 36008 },
      );
    }
    if (code.expires_at <= new Date())
      throw oauthError('This authorization code has expired.', { subcode: 36007 });
    if (!(await this.accounts.useCode(code.code))) {
      throw oauthError('This authorization code has been used.', { subcode: 36009 });
    }
    const token = await this.issueUserToken(app.id, code.user_id, code.scopes, false);
    return { access_token: token.token, token_type: 'bearer', expires_in: SHORT_LIVED_SECONDS };
  }
}

/** OAuth errors carry code 100 without the "(#100)" prefix Graph puts on parameter errors. */
function oauthError(message: string, options: { subcode?: number } = {}): GraphError {
  return new GraphError(100, message, options);
}
