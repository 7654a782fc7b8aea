import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../core/sandbox-db';

export interface TokenRow {
  token: string;
  app_id: string | null;
  account_id: string | null;
  scopes: string;
  revoked_at: Date | null;
  app_name: string | null;
}

export interface AppRow {
  id: string;
  name: string;
  website: string | null;
  redirect_uris: string[];
  scopes: string;
  client_id: string;
  client_secret: string;
}

export interface AuthCodeRow {
  code: string;
  app_id: string;
  account_id: string;
  redirect_uri: string;
  scopes: string;
  code_challenge: string | null;
  created_at: Date;
  used_at: Date | null;
}

/** Apps, access tokens and authorization codes (Doorkeeper's tables, in Mastodon terms). */
@Injectable()
export class MastodonOAuthRepository {
  constructor(private readonly db: SandboxDb) {}

  async insertApp(
    input: {
      name: string;
      website: string | null;
      redirectUris: string[];
      scopes: string;
      clientId: string;
      clientSecret: string;
    },
    db: SandboxQueryable = this.db,
  ): Promise<AppRow> {
    const [row] = await db.query<AppRow>(
      `INSERT INTO mastodon_apps (name, website, redirect_uris, scopes, client_id, client_secret)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [input.name, input.website, input.redirectUris, input.scopes, input.clientId, input.clientSecret],
    );
    return row;
  }

  async appByClientId(clientId: string): Promise<AppRow | null> {
    const rows = await this.db.query<AppRow>('SELECT * FROM mastodon_apps WHERE client_id = $1', [clientId]);
    return rows[0] ?? null;
  }

  async appById(id: string): Promise<AppRow | null> {
    const rows = await this.db.query<AppRow>('SELECT * FROM mastodon_apps WHERE id = $1', [id]);
    return rows[0] ?? null;
  }

  async insertToken(
    input: { token: string; appId: string | null; accountId: string | null; scopes: string },
    db: SandboxQueryable = this.db,
  ): Promise<{ created_at: Date }> {
    const [row] = await db.query<{ created_at: Date }>(
      'INSERT INTO mastodon_tokens (token, app_id, account_id, scopes) VALUES ($1, $2, $3, $4) RETURNING created_at',
      [input.token, input.appId, input.accountId, input.scopes],
    );
    return row;
  }

  /** The token, revoked or not (Doorkeeper tells the two apart in its 401). */
  async findToken(token: string): Promise<TokenRow | null> {
    const rows = await this.db.query<TokenRow>(
      `SELECT t.token, t.app_id, t.account_id, t.scopes, t.revoked_at, p.name AS app_name
         FROM mastodon_tokens t LEFT JOIN mastodon_apps p ON p.id = t.app_id
        WHERE t.token = $1`,
      [token],
    );
    return rows[0] ?? null;
  }

  async tokenOwner(token: string): Promise<{ app_id: string | null } | null> {
    const rows = await this.db.query<{ app_id: string | null }>(
      'SELECT app_id FROM mastodon_tokens WHERE token = $1',
      [token],
    );
    return rows[0] ?? null;
  }

  async revokeToken(token: string): Promise<void> {
    await this.db.execute(
      'UPDATE mastodon_tokens SET revoked_at = now() WHERE token = $1 AND revoked_at IS NULL',
      [token],
    );
  }

  async insertAuthCode(input: Omit<AuthCodeRow, 'created_at' | 'used_at'>): Promise<void> {
    await this.db.execute(
      `INSERT INTO mastodon_auth_codes (code, app_id, account_id, redirect_uri, scopes, code_challenge)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [input.code, input.app_id, input.account_id, input.redirect_uri, input.scopes, input.code_challenge],
    );
  }

  /** Marks a code used and returns it, once: a second exchange of the same code finds nothing. */
  async consumeAuthCode(code: string, db: SandboxQueryable): Promise<AuthCodeRow | null> {
    const rows = await db.query<AuthCodeRow>(
      'UPDATE mastodon_auth_codes SET used_at = now() WHERE code = $1 AND used_at IS NULL RETURNING *',
      [code],
    );
    return rows[0] ?? null;
  }
}
