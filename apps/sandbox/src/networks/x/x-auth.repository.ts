import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../core/sandbox-db';
import { XAppRow, XAuthCodeRow, XTokenRow } from './x-rows';

/** Apps, OAuth 2.0 tokens and authorization codes of the X network. */
@Injectable()
export class XAuthRepository {
  constructor(readonly db: SandboxDb) {}

  async insertApp(app: XAppRow, db: SandboxQueryable = this.db): Promise<void> {
    await db.execute(
      `INSERT INTO x_apps (client_id, client_secret, consumer_key, consumer_secret, app_id, name)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [app.client_id, app.client_secret, app.consumer_key, app.consumer_secret, app.app_id, app.name],
    );
  }

  async findApp(clientId: string): Promise<XAppRow | undefined> {
    const [row] = await this.db.query<XAppRow>('SELECT * FROM x_apps WHERE client_id = $1', [clientId]);
    return row;
  }

  async findAppByConsumerKey(consumerKey: string): Promise<XAppRow | undefined> {
    const [row] = await this.db.query<XAppRow>('SELECT * FROM x_apps WHERE consumer_key = $1', [consumerKey]);
    return row;
  }

  async insertToken(
    token: Pick<XTokenRow, 'token' | 'kind' | 'client_id' | 'user_id' | 'scopes' | 'expires_at'>,
    db: SandboxQueryable = this.db,
  ): Promise<void> {
    await db.execute(
      `INSERT INTO x_tokens (token, kind, client_id, user_id, scopes, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [token.token, token.kind, token.client_id, token.user_id, token.scopes, token.expires_at],
    );
  }

  async findToken(token: string, db: SandboxQueryable = this.db): Promise<XTokenRow | undefined> {
    const [row] = await db.query<XTokenRow>('SELECT * FROM x_tokens WHERE token = $1', [token]);
    return row;
  }

  /** Marks a refresh token used, once: false if another request used it first (rotation race). */
  /** The app's live app-only bearer token, if it has one. */
  async findAppToken(clientId: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ token: string }>(
      `SELECT token FROM x_tokens WHERE client_id = $1 AND kind = 'app' AND revoked_at IS NULL LIMIT 1`,
      [clientId],
    );
    return row?.token;
  }

  async useRefreshToken(token: string, db: SandboxQueryable): Promise<boolean> {
    const changed = await db.execute(
      `UPDATE x_tokens SET used_at = now() WHERE token = $1 AND kind = 'refresh' AND used_at IS NULL
         AND revoked_at IS NULL`,
      [token],
    );
    return changed === 1;
  }

  async revokeToken(token: string, clientId: string): Promise<number> {
    return this.db.execute(
      `UPDATE x_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE token = $1 AND client_id = $2`,
      [token, clientId],
    );
  }

  async insertAuthCode(code: Omit<XAuthCodeRow, 'used_at'>): Promise<void> {
    await this.db.execute(
      `INSERT INTO x_auth_codes (code, client_id, user_id, redirect_uri, code_challenge, code_challenge_method,
         scopes, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        code.code,
        code.client_id,
        code.user_id,
        code.redirect_uri,
        code.code_challenge,
        code.code_challenge_method,
        code.scopes,
        code.expires_at,
      ],
    );
  }

  /** Takes an authorization code once: a second exchange of the same code finds nothing. */
  async consumeAuthCode(code: string, db: SandboxQueryable): Promise<XAuthCodeRow | undefined> {
    const [row] = await db.query<XAuthCodeRow>(
      `UPDATE x_auth_codes SET used_at = now() WHERE code = $1 AND used_at IS NULL RETURNING *`,
      [code],
    );
    return row;
  }
}
