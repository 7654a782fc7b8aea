import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../core/sandbox-db';
import type { JsonValue } from './ids/cid';

export interface AccountRow {
  did: string;
  handle: string;
  email: string;
  display_name: string | null;
  description: string | null;
  app_password_hash: string;
  signing_key: string;
  citizen_key: string | null;
  repo_rev: string | null;
  repo_commit: string | null;
  seen_at: Date | null;
  created_at: Date;
}

export interface RecordRow {
  did: string;
  collection: string;
  rkey: string;
  cid: string;
  value: { [key: string]: JsonValue };
  reply_root: string | null;
  reply_parent: string | null;
  has_media: boolean;
  indexed_at: Date;
}

export interface BlobRow {
  did: string;
  cid: string;
  mime_type: string;
  size: number;
  bytes: Buffer;
}

export interface NotificationRow {
  id: string;
  recipient_did: string;
  author_did: string;
  reason: string;
  reason_subject: string | null;
  record_uri: string;
  record_cid: string;
  indexed_at: Date;
}

export type NewAccount = Omit<AccountRow, 'seen_at' | 'created_at'>;
export type NewRecord = Omit<RecordRow, 'indexed_at'>;
export type NewNotification = Omit<NotificationRow, 'id' | 'indexed_at'>;

export const POST_COLLECTION = 'app.bsky.feed.post';

/** SQL for the Bluesky network. Writes take the transaction they belong to. */
@Injectable()
export class BlueskyRepository {
  constructor(private readonly db: SandboxDb) {}

  async serverSettings(candidate: { jwtSecret: string; serviceDid: string }): Promise<{
    jwtSecret: string;
    serviceDid: string;
  }> {
    await this.db.execute(
      'INSERT INTO bluesky_server (id, jwt_secret, service_did) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING',
      [candidate.jwtSecret, candidate.serviceDid],
    );
    const [row] = await this.db.query<{ jwt_secret: string; service_did: string }>(
      'SELECT jwt_secret, service_did FROM bluesky_server WHERE id = 1',
    );
    return { jwtSecret: row.jwt_secret, serviceDid: row.service_did };
  }

  async insertAccount(account: NewAccount, db: SandboxQueryable = this.db): Promise<AccountRow> {
    const [row] = await db.query<AccountRow>(
      `INSERT INTO bluesky_accounts (did, handle, email, display_name, description, app_password_hash, signing_key,
         citizen_key, repo_rev, repo_commit) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        account.did,
        account.handle,
        account.email,
        account.display_name,
        account.description,
        account.app_password_hash,
        account.signing_key,
        account.citizen_key,
        account.repo_rev,
        account.repo_commit,
      ],
    );
    return row;
  }

  async accountByDid(did: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.query<AccountRow>('SELECT * FROM bluesky_accounts WHERE did = $1', [did]);
    return row;
  }

  /** A handle, DID or email, as createSession's `identifier` and the `repo`/`actor` params accept. */
  async accountByIdentifier(identifier: string): Promise<AccountRow | undefined> {
    const lowered = identifier.toLowerCase();
    const [row] = await this.db.query<AccountRow>(
      'SELECT * FROM bluesky_accounts WHERE did = $1 OR handle = $2 OR email = $2 LIMIT 1',
      [identifier, lowered],
    );
    return row;
  }

  async accountByCitizenKey(key: string): Promise<AccountRow | undefined> {
    const [row] = await this.db.query<AccountRow>('SELECT * FROM bluesky_accounts WHERE citizen_key = $1', [
      key,
    ]);
    return row;
  }

  async accountsByDids(dids: string[]): Promise<AccountRow[]> {
    if (dids.length === 0) return [];
    return this.db.query<AccountRow>('SELECT * FROM bluesky_accounts WHERE did = ANY($1)', [dids]);
  }

  async lockRepo(tx: SandboxQueryable, did: string): Promise<AccountRow | undefined> {
    const [row] = await tx.query<AccountRow>('SELECT * FROM bluesky_accounts WHERE did = $1 FOR UPDATE', [
      did,
    ]);
    return row;
  }

  async updateRepoHead(tx: SandboxQueryable, did: string, rev: string, commit: string): Promise<void> {
    await tx.execute('UPDATE bluesky_accounts SET repo_rev = $2, repo_commit = $3 WHERE did = $1', [
      did,
      rev,
      commit,
    ]);
  }

  async setSeenAt(did: string, seenAt: Date): Promise<void> {
    await this.db.execute('UPDATE bluesky_accounts SET seen_at = $2 WHERE did = $1', [did, seenAt]);
  }

  async insertRefreshToken(jti: string, did: string, expiresAt: Date): Promise<void> {
    await this.db.execute(
      'INSERT INTO bluesky_refresh_tokens (jti, did, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING',
      [jti, did, expiresAt],
    );
  }

  /**
   * Rotates a refresh token as the PDS does: the used token stays valid for a grace period (so a client that
   * lost the response can retry) and always rotates to the same successor id, so a retry gets a token for the
   * same session instead of a second one. Returns the successor id, or undefined if the token is unknown,
   * revoked or past its grace period.
   */
  async rotateRefreshToken(
    jti: string,
    graceUntil: Date,
    candidateNext: string,
  ): Promise<string | undefined> {
    const [row] = await this.db.query<{ next_jti: string }>(
      `UPDATE bluesky_refresh_tokens
          SET rotated_at = COALESCE(rotated_at, clock_timestamp()), expires_at = LEAST(expires_at, $2),
              next_jti = COALESCE(next_jti, $3)
        WHERE jti = $1 AND expires_at > clock_timestamp() RETURNING next_jti`,
      [jti, graceUntil, candidateNext],
    );
    return row?.next_jti;
  }

  async revokeRefreshToken(jti: string): Promise<void> {
    // Only this token, as the PDS does: its predecessor still refreshes during its grace period (checked
    // against @atproto/dev-env), re-creating this successor.
    await this.db.execute('DELETE FROM bluesky_refresh_tokens WHERE jti = $1', [jti]);
  }

  async findRecord(did: string, collection: string, rkey: string): Promise<RecordRow | undefined> {
    const [row] = await this.db.query<RecordRow>(
      'SELECT * FROM bluesky_records WHERE did = $1 AND collection = $2 AND rkey = $3',
      [did, collection, rkey],
    );
    return row;
  }

  async recordExists(tx: SandboxQueryable, did: string, collection: string, rkey: string): Promise<boolean> {
    const rows = await tx.query(
      'SELECT 1 FROM bluesky_records WHERE did = $1 AND collection = $2 AND rkey = $3',
      [did, collection, rkey],
    );
    return rows.length > 0;
  }

  async insertRecord(tx: SandboxQueryable, record: NewRecord): Promise<RecordRow> {
    const [row] = await tx.query<RecordRow>(
      `INSERT INTO bluesky_records (did, collection, rkey, cid, value, reply_root, reply_parent, has_media)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        record.did,
        record.collection,
        record.rkey,
        record.cid,
        JSON.stringify(record.value),
        record.reply_root,
        record.reply_parent,
        record.has_media,
      ],
    );
    return row;
  }

  async deleteRecord(tx: SandboxQueryable, did: string, collection: string, rkey: string): Promise<boolean> {
    const deleted = await tx.execute(
      'DELETE FROM bluesky_records WHERE did = $1 AND collection = $2 AND rkey = $3',
      [did, collection, rkey],
    );
    return deleted > 0;
  }

  /** Newest first (by rkey, as a PDS lists a collection), or oldest first when `reverse`. */
  async listRecords(
    did: string,
    collection: string,
    opts: { limit: number; cursor?: string; reverse: boolean },
  ): Promise<RecordRow[]> {
    const params: unknown[] = [did, collection];
    let cursorSql = '';
    if (opts.cursor) {
      params.push(opts.cursor);
      cursorSql = `AND rkey ${opts.reverse ? '>' : '<'} $${params.length}`;
    }
    params.push(opts.limit);
    return this.db.query<RecordRow>(
      `SELECT * FROM bluesky_records WHERE did = $1 AND collection = $2 ${cursorSql}
       ORDER BY rkey ${opts.reverse ? 'ASC' : 'DESC'} LIMIT $${params.length}`,
      params,
    );
  }

  /** Posts by at:// URI, through the primary key (URIs of other collections or malformed ones match nothing). */
  async postsByUris(uris: string[]): Promise<RecordRow[]> {
    const keys = uris.flatMap((uri) => {
      const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri);
      return match ? [{ did: match[1], rkey: match[2] }] : [];
    });
    if (keys.length === 0) return [];
    return this.db.query<RecordRow>(
      `SELECT r.* FROM unnest($1::text[], $2::text[]) AS k(did, rkey)
         JOIN bluesky_records r ON r.did = k.did AND r.collection = $3 AND r.rkey = k.rkey`,
      [keys.map((k) => k.did), keys.map((k) => k.rkey), POST_COLLECTION],
    );
  }

  /** Direct replies to any of these posts, oldest first. */
  async repliesTo(parentUris: string[]): Promise<RecordRow[]> {
    if (parentUris.length === 0) return [];
    return this.db.query<RecordRow>(
      'SELECT * FROM bluesky_records WHERE reply_parent = ANY($1) ORDER BY indexed_at ASC, rkey ASC',
      [parentUris],
    );
  }

  async replyCounts(uris: string[]): Promise<Map<string, number>> {
    if (uris.length === 0) return new Map();
    const rows = await this.db.query<{ uri: string; count: string }>(
      'SELECT reply_parent AS uri, count(*) AS count FROM bluesky_records WHERE reply_parent = ANY($1) GROUP BY 1',
      [uris],
    );
    return new Map(rows.map((row) => [row.uri, Number(row.count)]));
  }

  async collections(did: string): Promise<string[]> {
    const rows = await this.db.query<{ collection: string }>(
      'SELECT DISTINCT collection FROM bluesky_records WHERE did = $1 ORDER BY collection',
      [did],
    );
    return rows.map((row) => row.collection);
  }

  async postCount(did: string): Promise<number> {
    const [row] = await this.db.query<{ count: string }>(
      'SELECT count(*) AS count FROM bluesky_records WHERE did = $1 AND collection = $2',
      [did, POST_COLLECTION],
    );
    return Number(row.count);
  }

  /** An author's posts, newest first; the cursor is the last post's indexedAt and CID (as the AppView's). */
  async authorPosts(
    did: string,
    opts: { limit: number; cursor?: { indexedAt: Date; cid: string }; filter: string },
  ): Promise<RecordRow[]> {
    const params: unknown[] = [did, POST_COLLECTION];
    const where: string[] = [];
    if (opts.cursor) {
      params.push(opts.cursor.indexedAt, opts.cursor.cid);
      where.push(`(indexed_at, cid) < ($${params.length - 1}, $${params.length})`);
    }
    if (opts.filter === 'posts_no_replies') where.push('reply_parent IS NULL');
    if (opts.filter === 'posts_with_media') where.push('has_media');
    if (opts.filter === 'posts_with_video') where.push('false');
    if (opts.filter === 'posts_and_author_threads') {
      where.push(`(reply_root IS NULL OR reply_root LIKE 'at://' || did || '/%')`);
    }
    params.push(opts.limit);
    return this.db.query<RecordRow>(
      `SELECT * FROM bluesky_records WHERE did = $1 AND collection = $2
       ${where.map((w) => `AND ${w}`).join(' ')}
       ORDER BY indexed_at DESC, cid DESC LIMIT $${params.length}`,
      params,
    );
  }

  async insertBlob(blob: BlobRow): Promise<void> {
    await this.db.execute(
      `INSERT INTO bluesky_blobs (did, cid, mime_type, size, bytes) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (did, cid) DO NOTHING`,
      [blob.did, blob.cid, blob.mime_type, blob.size, blob.bytes],
    );
  }

  async findBlob(did: string, cid: string): Promise<BlobRow | undefined> {
    const [row] = await this.db.query<BlobRow>('SELECT * FROM bluesky_blobs WHERE did = $1 AND cid = $2', [
      did,
      cid,
    ]);
    return row;
  }

  async insertNotifications(tx: SandboxQueryable, rows: NewNotification[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.execute(
      `INSERT INTO bluesky_notifications (recipient_did, author_did, reason, reason_subject, record_uri, record_cid)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((n) => n.recipient_did),
        rows.map((n) => n.author_did),
        rows.map((n) => n.reason),
        rows.map((n) => n.reason_subject),
        rows.map((n) => n.record_uri),
        rows.map((n) => n.record_cid),
      ],
    );
  }

  /** Many records in one statement (the crowd's bursts); rows keep the order given, for indexedAt order. */
  async insertRecords(tx: SandboxQueryable, rows: NewRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.execute(
      `INSERT INTO bluesky_records (did, collection, rkey, cid, value, reply_root, reply_parent, has_media)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[],
         $8::boolean[])`,
      [
        rows.map((r) => r.did),
        rows.map((r) => r.collection),
        rows.map((r) => r.rkey),
        rows.map((r) => r.cid),
        rows.map((r) => JSON.stringify(r.value)),
        rows.map((r) => r.reply_root),
        rows.map((r) => r.reply_parent),
        rows.map((r) => r.has_media),
      ],
    );
  }

  /** Locks several repos in a fixed order (so concurrent batches cannot deadlock) and returns them. */
  async lockRepos(tx: SandboxQueryable, dids: string[]): Promise<AccountRow[]> {
    return tx.query<AccountRow>(
      'SELECT * FROM bluesky_accounts WHERE did = ANY($1) ORDER BY did FOR UPDATE',
      [dids],
    );
  }

  async deleteNotificationsFor(tx: SandboxQueryable, recordUri: string): Promise<void> {
    await tx.execute('DELETE FROM bluesky_notifications WHERE record_uri = $1', [recordUri]);
  }

  /** Notifications indexed after `seenAt` (all of them when the account never marked any seen). */
  async unreadCount(did: string, seenAt: Date | null): Promise<number> {
    const [row] = await this.db.query<{ count: string }>(
      `SELECT count(*) AS count FROM bluesky_notifications
        WHERE recipient_did = $1 AND ($2::timestamptz IS NULL OR indexed_at > $2)`,
      [did, seenAt],
    );
    return Number(row.count);
  }

  /** Newest first; the cursor is the last notification's indexedAt and id. */
  async listNotifications(
    did: string,
    opts: { limit: number; cursor?: { indexedAt: Date; id: string }; reasons?: string[] },
  ): Promise<NotificationRow[]> {
    const params: unknown[] = [did];
    const where: string[] = [];
    if (opts.cursor) {
      params.push(opts.cursor.indexedAt, opts.cursor.id);
      where.push(`(indexed_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    if (opts.reasons && opts.reasons.length > 0) {
      params.push(opts.reasons);
      where.push(`reason = ANY($${params.length})`);
    }
    params.push(opts.limit);
    return this.db.query<NotificationRow>(
      `SELECT * FROM bluesky_notifications WHERE recipient_did = $1 ${where.map((w) => `AND ${w}`).join(' ')}
       ORDER BY indexed_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
