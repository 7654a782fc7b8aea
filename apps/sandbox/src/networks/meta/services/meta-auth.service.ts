import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { expiredToken, invalidToken, tokenRequired } from '../graph/graph-error';
import { MetaAccountsRepository } from '../store/meta-accounts.repository';

/** Who is calling: a person (user token), a page (page token) or the app itself (`{app-id}|{app-secret}`). */
export type GraphCaller =
  | { kind: 'user'; token: string; appId: string; userId: string; scopes: string[] }
  | { kind: 'page'; token: string; appId: string; userId: string; pageId: string; scopes: string[] }
  | { kind: 'app'; token: string; appId: string };

/** Reads and checks the access token the way Graph does: query, body, or an `Authorization` header. */
@Injectable()
export class MetaAuthService {
  constructor(private readonly accounts: MetaAccountsRepository) {}

  tokenOf(req: Request): string | undefined {
    const query = req.query as Record<string, unknown>;
    if (typeof query.access_token === 'string' && query.access_token) return query.access_token;
    const body: unknown = req.body;
    if (body && typeof body === 'object' && 'access_token' in body) {
      const value = (body as Record<string, unknown>).access_token;
      if (typeof value === 'string' && value) return value;
    }
    const header = req.get('authorization');
    const match = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header) : null;
    return match?.[1];
  }

  async authenticate(req: Request): Promise<GraphCaller> {
    const token = this.tokenOf(req);
    if (!token) throw tokenRequired();
    if (token.includes('|')) {
      const [appId, secret] = token.split('|');
      const app = await this.accounts.findApp(appId);
      if (!app || app.secret !== secret) throw invalidToken();
      return { kind: 'app', token, appId };
    }
    const row = await this.accounts.findToken(token);
    if (!row) throw invalidToken();
    if (row.expires_at && row.expires_at.getTime() <= Date.now()) throw expiredToken(row.expires_at);
    if (row.kind === 'page' && row.page_id) {
      return {
        kind: 'page',
        token,
        appId: row.app_id,
        userId: row.user_id,
        pageId: row.page_id,
        scopes: row.scopes,
      };
    }
    return { kind: 'user', token, appId: row.app_id, userId: row.user_id, scopes: row.scopes };
  }
}
