import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../../core/sandbox-db';

export interface MetaApp {
  id: string;
  secret: string;
  name: string;
}

export interface MetaUser {
  id: string;
  name: string;
  kind: 'admin' | 'citizen';
  citizen_key: string | null;
  ig_id: string | null;
  ig_username: string | null;
}

export interface MetaPage {
  id: string;
  name: string;
  username: string;
  category: string;
  admin_user_id: string;
  ig_user_id: string | null;
}

export interface MetaIgUser {
  id: string;
  page_id: string;
  username: string;
  name: string;
}

export interface MetaToken {
  token: string;
  kind: 'user' | 'page';
  app_id: string;
  user_id: string;
  page_id: string | null;
  scopes: string[];
  long_lived: boolean;
  expires_at: Date | null;
  created_at: Date;
}

export interface MetaOAuthCode {
  code: string;
  app_id: string;
  user_id: string;
  redirect_uri: string;
  scopes: string[];
  expires_at: Date;
  used_at: Date | null;
}

/** Apps, people, pages, Instagram accounts, tokens and OAuth codes. */
@Injectable()
export class MetaAccountsRepository {
  constructor(private readonly db: SandboxDb) {}

  async firstApp(): Promise<MetaApp | undefined> {
    const [app] = await this.db.query<MetaApp>(
      'SELECT id, secret, name FROM meta_apps ORDER BY created_at LIMIT 1',
    );
    return app;
  }

  async findApp(id: string): Promise<MetaApp | undefined> {
    const [app] = await this.db.query<MetaApp>('SELECT id, secret, name FROM meta_apps WHERE id = $1', [id]);
    return app;
  }

  /** The first app, creating `candidate` if there is none; a lock keeps concurrent callers to one app. */
  async ensureApp(candidate: MetaApp): Promise<MetaApp> {
    return this.db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('meta_apps'))");
      const [existing] = await tx.query<MetaApp>(
        'SELECT id, secret, name FROM meta_apps ORDER BY created_at LIMIT 1',
      );
      if (existing) return existing;
      await tx.execute('INSERT INTO meta_apps (id, secret, name) VALUES ($1, $2, $3)', [
        candidate.id,
        candidate.secret,
        candidate.name,
      ]);
      return candidate;
    });
  }

  async insertUser(
    user: Omit<MetaUser, 'citizen_key' | 'ig_id' | 'ig_username'> & Partial<MetaUser>,
    db: SandboxQueryable = this.db,
  ): Promise<void> {
    await db.execute(
      `INSERT INTO meta_users (id, name, kind, citizen_key, ig_id, ig_username) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [user.id, user.name, user.kind, user.citizen_key ?? null, user.ig_id ?? null, user.ig_username ?? null],
    );
  }

  async findUser(id: string): Promise<MetaUser | undefined> {
    const [user] = await this.db.query<MetaUser>('SELECT * FROM meta_users WHERE id = $1', [id]);
    return user;
  }

  async findCitizen(key: string): Promise<MetaUser | undefined> {
    const [user] = await this.db.query<MetaUser>('SELECT * FROM meta_users WHERE citizen_key = $1', [key]);
    return user;
  }

  /** Creates the people behind many citizens in one statement (those that exist are left alone). */
  async ensureCitizens(
    people: Array<{ id: string; name: string; key: string; igId: string; igUsername: string }>,
  ): Promise<Map<string, MetaUser>> {
    if (people.length === 0) return new Map();
    await this.db.execute(
      `INSERT INTO meta_users (id, name, kind, citizen_key, ig_id, ig_username)
       SELECT id, name, 'citizen', key, ig_id, ig_username
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, name, key, ig_id, ig_username)
       ON CONFLICT DO NOTHING`,
      [
        people.map((p) => p.id),
        people.map((p) => p.name),
        people.map((p) => p.key),
        people.map((p) => p.igId),
        people.map((p) => p.igUsername),
      ],
    );
    const rows = await this.db.query<MetaUser>('SELECT * FROM meta_users WHERE citizen_key = ANY($1)', [
      people.map((p) => p.key),
    ]);
    return new Map(rows.map((row) => [row.citizen_key ?? '', row]));
  }

  async findUserByIgId(igId: string): Promise<MetaUser | undefined> {
    const [user] = await this.db.query<MetaUser>('SELECT * FROM meta_users WHERE ig_id = $1', [igId]);
    return user;
  }

  async listAdmins(): Promise<MetaUser[]> {
    return this.db.query<MetaUser>("SELECT * FROM meta_users WHERE kind = 'admin' ORDER BY created_at");
  }

  async insertPage(page: MetaPage, db: SandboxQueryable = this.db): Promise<void> {
    await db.execute(
      `INSERT INTO meta_pages (id, name, username, category, admin_user_id, ig_user_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [page.id, page.name, page.username, page.category, page.admin_user_id, page.ig_user_id],
    );
  }

  async linkInstagram(pageId: string, igUserId: string, db: SandboxQueryable = this.db): Promise<void> {
    await db.execute('UPDATE meta_pages SET ig_user_id = $2 WHERE id = $1', [pageId, igUserId]);
  }

  async findPage(id: string): Promise<MetaPage | undefined> {
    const [page] = await this.db.query<MetaPage>('SELECT * FROM meta_pages WHERE id = $1', [id]);
    return page;
  }

  async pagesOfAdmin(
    userId: string,
    afterSeq: number | undefined,
    limit: number,
  ): Promise<Array<MetaPage & { seq: string }>> {
    // Pages have no seq column; their creation order (ctid-free) is stable by (created_at, id).
    return this.db.query<MetaPage & { seq: string }>(
      `SELECT * FROM (
         SELECT p.*, row_number() OVER (ORDER BY created_at, id) AS seq FROM meta_pages p WHERE admin_user_id = $1
       ) pages WHERE seq > $2 ORDER BY seq LIMIT $3`,
      [userId, afterSeq ?? 0, limit],
    );
  }

  async insertIgUser(user: MetaIgUser, db: SandboxQueryable = this.db): Promise<void> {
    await db.execute('INSERT INTO meta_ig_users (id, page_id, username, name) VALUES ($1, $2, $3, $4)', [
      user.id,
      user.page_id,
      user.username,
      user.name,
    ]);
  }

  async usernameTaken(username: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM meta_pages WHERE lower(username) = lower($1)
       UNION ALL SELECT 1 FROM meta_ig_users WHERE lower(username) = lower($1) LIMIT 1`,
      [username],
    );
    return rows.length > 0;
  }

  async findIgUser(id: string): Promise<MetaIgUser | undefined> {
    const [user] = await this.db.query<MetaIgUser>('SELECT * FROM meta_ig_users WHERE id = $1', [id]);
    return user;
  }

  async insertToken(token: Omit<MetaToken, 'created_at'>, db: SandboxQueryable = this.db): Promise<void> {
    await db.execute(
      `INSERT INTO meta_tokens (token, kind, app_id, user_id, page_id, scopes, long_lived, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        token.token,
        token.kind,
        token.app_id,
        token.user_id,
        token.page_id,
        token.scopes,
        token.long_lived,
        token.expires_at,
      ],
    );
  }

  async findToken(token: string): Promise<MetaToken | undefined> {
    const [row] = await this.db.query<MetaToken>('SELECT * FROM meta_tokens WHERE token = $1', [token]);
    return row;
  }

  /** A page token for this user and page that has not expired, if one exists (so /me/accounts is stable). */
  async findPageToken(
    appId: string,
    userId: string,
    pageId: string,
    longLived: boolean,
  ): Promise<MetaToken | undefined> {
    const [row] = await this.db.query<MetaToken>(
      `SELECT * FROM meta_tokens WHERE kind = 'page' AND app_id = $1 AND user_id = $2 AND page_id = $3
         AND long_lived = $4 AND (expires_at IS NULL OR expires_at > now())
       ORDER BY created_at DESC LIMIT 1`,
      [appId, userId, pageId, longLived],
    );
    return row;
  }

  async expireToken(token: string, at: Date): Promise<boolean> {
    return (
      (await this.db.execute('UPDATE meta_tokens SET expires_at = $2 WHERE token = $1', [token, at])) > 0
    );
  }

  async insertCode(code: Omit<MetaOAuthCode, 'used_at'>): Promise<void> {
    await this.db.execute(
      `INSERT INTO meta_oauth_codes (code, app_id, user_id, redirect_uri, scopes, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [code.code, code.app_id, code.user_id, code.redirect_uri, code.scopes, code.expires_at],
    );
  }

  async findCode(code: string): Promise<MetaOAuthCode | undefined> {
    const [row] = await this.db.query<MetaOAuthCode>('SELECT * FROM meta_oauth_codes WHERE code = $1', [
      code,
    ]);
    return row;
  }

  /** Marks the code used; false if it already was (a code is good once). */
  async useCode(code: string): Promise<boolean> {
    return (
      (await this.db.execute(
        'UPDATE meta_oauth_codes SET used_at = now() WHERE code = $1 AND used_at IS NULL',
        [code],
      )) > 0
    );
  }
}
