import { Injectable } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from '../../core/sandbox-db';
import { AccountRow, MediaRow, MediaType, StatusRow, Visibility } from './mastodon-entities';
import { PageParams, pageSql } from './mastodon-paging';

export interface NewStatus {
  id: string;
  accountId: string;
  text: string;
  content: string;
  spoilerText: string;
  visibility: Visibility;
  sensitive: boolean;
  language: string | null;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  conversationId: string;
  mentionIds: string[];
  tags: string[];
  applicationName: string | null;
  idempotencyKey: string | null;
}

export interface NewMedia {
  accountId: string;
  type: MediaType;
  contentType: string;
  fileName: string | null;
  bytes: Buffer;
  description: string | null;
  focus: string | null;
  width: number | null;
  height: number | null;
  processedAt: Date;
}

const ACCOUNT_SELECT = `
  SELECT a.id, a.username, a.display_name, a.note, a.bot, a.language, a.created_at,
         (SELECT count(*)::int FROM mastodon_statuses s WHERE s.account_id = a.id AND s.deleted_at IS NULL) AS statuses_count,
         (SELECT max(s.created_at) FROM mastodon_statuses s WHERE s.account_id = a.id AND s.deleted_at IS NULL) AS last_status_at
    FROM mastodon_accounts a`;

const STATUS_SELECT = `
  SELECT s.*,
         (SELECT count(*)::int FROM mastodon_statuses r WHERE r.in_reply_to_id = s.id AND r.deleted_at IS NULL) AS replies_count
    FROM mastodon_statuses s`;

const MEDIA_COLUMNS = `id, account_id, status_id, type, content_type, file_name, size, description, focus, width, height,
  created_at, processed_at`;

/** Every SQL statement of the Mastodon sandbox. */
@Injectable()
export class MastodonRepository {
  constructor(private readonly db: SandboxDb) {}

  transaction<T>(fn: (tx: SandboxQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async nextId(db: SandboxQueryable = this.db): Promise<string> {
    const [row] = await db.query<{ id: string }>('SELECT mastodon_next_id() AS id');
    return row.id;
  }

  /** `count` fresh ids, in increasing order. */
  async nextIds(count: number, db: SandboxQueryable = this.db): Promise<string[]> {
    if (count === 0) return [];
    const rows = await db.query<{ id: string }>(
      'SELECT mastodon_next_id() AS id FROM generate_series(1, $1) ORDER BY 1',
      [count],
    );
    return rows.map((row) => row.id);
  }

  async accountIdsByCitizenKeys(keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; citizen_key: string }>(
      'SELECT id, citizen_key FROM mastodon_accounts WHERE citizen_key = ANY($1::text[])',
      [keys],
    );
    return new Map(rows.map((row) => [row.citizen_key, row.id]));
  }

  // Accounts -------------------------------------------------------------------------------------------

  async insertAccount(
    input: {
      username: string;
      displayName: string;
      password: string;
      bot?: boolean;
      citizenKey?: string;
      language?: string | null;
    },
    db: SandboxQueryable = this.db,
  ): Promise<string | null> {
    const rows = await db.query<{ id: string }>(
      `INSERT INTO mastodon_accounts (username, display_name, password, bot, citizen_key, language)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [
        input.username,
        input.displayName,
        input.password,
        input.bot ?? false,
        input.citizenKey ?? null,
        input.language ?? null,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async accountIdByCitizenKey(key: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      'SELECT id FROM mastodon_accounts WHERE citizen_key = $1',
      [key],
    );
    return rows[0]?.id ?? null;
  }

  async accountIdByUsername(username: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      'SELECT id FROM mastodon_accounts WHERE lower(username) = lower($1)',
      [username],
    );
    return rows[0]?.id ?? null;
  }

  async accountCredentials(username: string): Promise<{ id: string; password: string } | null> {
    const rows = await this.db.query<{ id: string; password: string }>(
      'SELECT id, password FROM mastodon_accounts WHERE lower(username) = lower($1) AND citizen_key IS NULL',
      [username],
    );
    return rows[0] ?? null;
  }

  async accountsByIds(ids: string[], db: SandboxQueryable = this.db): Promise<Map<string, AccountRow>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE a.id = ANY($1::bigint[])`, [unique]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async accountsByUsernames(
    usernames: string[],
    db: SandboxQueryable = this.db,
  ): Promise<{ id: string; username: string }[]> {
    if (usernames.length === 0) return [];
    return db.query<{ id: string; username: string }>(
      'SELECT id, username FROM mastodon_accounts WHERE lower(username) = ANY($1::text[])',
      [usernames.map((name) => name.toLowerCase())],
    );
  }

  async countLocalAccounts(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mastodon_accounts');
    return row.n;
  }

  async countStatuses(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM mastodon_statuses WHERE deleted_at IS NULL',
    );
    return row.n;
  }

  // Statuses ------------------------------------------------------------------------------------------

  async statusById(id: string, db: SandboxQueryable = this.db): Promise<StatusRow | null> {
    const rows = await db.query<StatusRow>(
      `${STATUS_SELECT} WHERE s.id = $1::bigint AND s.deleted_at IS NULL`,
      [id],
    );
    return rows[0] ?? null;
  }

  async statusesByIds(ids: string[]): Promise<Map<string, StatusRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<StatusRow>(
      `${STATUS_SELECT} WHERE s.id = ANY($1::bigint[]) AND s.deleted_at IS NULL`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Many statuses in one statement (jsonb_to_recordset turns the JSON arrays into bigint[] and text[]). */
  async insertStatuses(statuses: NewStatus[], db: SandboxQueryable): Promise<void> {
    if (statuses.length === 0) return;
    await db.execute(
      `INSERT INTO mastodon_statuses (id, account_id, text, content, spoiler_text, visibility, sensitive, language,
         in_reply_to_id, in_reply_to_account_id, conversation_id, mention_ids, tags, application_name, idempotency_key)
       SELECT id, account_id, text, content, spoiler_text, visibility, sensitive, language, in_reply_to_id,
              in_reply_to_account_id, conversation_id, mention_ids, tags, application_name, idempotency_key
         FROM jsonb_to_recordset($1::jsonb) AS s(id bigint, account_id bigint, text text, content text,
              spoiler_text text, visibility text, sensitive boolean, language text, in_reply_to_id bigint,
              in_reply_to_account_id bigint, conversation_id bigint, mention_ids bigint[], tags text[],
              application_name text, idempotency_key text)`,
      [
        JSON.stringify(
          statuses.map((s) => ({
            id: s.id,
            account_id: s.accountId,
            text: s.text,
            content: s.content,
            spoiler_text: s.spoilerText,
            visibility: s.visibility,
            sensitive: s.sensitive,
            language: s.language,
            in_reply_to_id: s.inReplyToId,
            in_reply_to_account_id: s.inReplyToAccountId,
            conversation_id: s.conversationId,
            mention_ids: s.mentionIds,
            tags: s.tags,
            application_name: s.applicationName,
            idempotency_key: s.idempotencyKey,
          })),
        ),
      ],
    );
  }

  async softDeleteStatus(id: string): Promise<void> {
    await this.db.execute('UPDATE mastodon_statuses SET deleted_at = now() WHERE id = $1::bigint', [id]);
  }

  /**
   * An account's statuses as `viewerId` may see them: all of them for the author (Mastodon's
   * AccountStatusesFilter), otherwise public and unlisted ones plus those that mention the viewer.
   */
  async accountStatuses(
    accountId: string,
    viewerId: string | null,
    options: { excludeReplies: boolean; onlyMedia: boolean; tagged?: string },
    page: PageParams,
  ): Promise<StatusRow[]> {
    const params: unknown[] = [accountId];
    const where = ['s.account_id = $1::bigint', 's.deleted_at IS NULL'];
    if (viewerId !== accountId) {
      params.push(viewerId ?? '0');
      where.push(
        `(s.visibility IN ('public', 'unlisted') OR $${params.length}::bigint = ANY(s.mention_ids))`,
      );
    }
    if (options.excludeReplies) {
      // Mastodon keeps self-replies (threads) when excluding replies.
      where.push('(s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)');
    }
    if (options.onlyMedia) where.push('EXISTS (SELECT 1 FROM mastodon_media m WHERE m.status_id = s.id)');
    if (options.tagged) {
      params.push(options.tagged.toLowerCase());
      where.push(`$${params.length} = ANY(s.tags)`);
    }
    const paging = pageSql('s.id', page, params.length + 1);
    params.push(...paging.params, page.limit);
    const rows = await this.db.query<StatusRow>(
      `${STATUS_SELECT} WHERE ${[...where, ...paging.where].join(' AND ')} ORDER BY ${paging.order} LIMIT $${params.length}`,
      params,
    );
    return paging.ascending ? rows.reverse() : rows;
  }

  async recentStatuses(accountId: string, limit: number): Promise<StatusRow[]> {
    return this.db.query<StatusRow>(
      `${STATUS_SELECT} WHERE s.account_id = $1::bigint AND s.deleted_at IS NULL AND s.visibility IN ('public', 'unlisted')
       ORDER BY s.id DESC LIMIT $2`,
      [accountId, limit],
    );
  }

  /** The statuses a status replies to, up the chain (oldest first), as far as Mastodon goes (40). */
  async ancestors(status: StatusRow): Promise<StatusRow[]> {
    if (!status.in_reply_to_id) return [];
    const rows = await this.db.query<StatusRow>(
      `WITH RECURSIVE chain AS (
         SELECT id, in_reply_to_id, 1 AS depth FROM mastodon_statuses WHERE id = $1::bigint
         UNION ALL
         SELECT p.id, p.in_reply_to_id, c.depth + 1 FROM mastodon_statuses p JOIN chain c ON p.id = c.in_reply_to_id
          WHERE c.depth < 40
       )
       ${STATUS_SELECT} JOIN chain ON chain.id = s.id WHERE s.deleted_at IS NULL ORDER BY s.id`,
      [status.in_reply_to_id],
    );
    return rows;
  }

  /** Every reply below a status, at any depth (at most 60, Mastodon's limit for one context request). */
  async descendants(status: StatusRow): Promise<StatusRow[]> {
    return this.db.query<StatusRow>(
      `WITH RECURSIVE tree AS (
         SELECT id FROM mastodon_statuses WHERE in_reply_to_id = $1::bigint
         UNION ALL
         SELECT r.id FROM mastodon_statuses r JOIN tree t ON r.in_reply_to_id = t.id
       )
       ${STATUS_SELECT} JOIN (SELECT id FROM tree LIMIT 60) d ON d.id = s.id WHERE s.deleted_at IS NULL ORDER BY s.id`,
      [status.id],
    );
  }

  // Idempotency ---------------------------------------------------------------------------------------

  /** What an Idempotency-Key already produced for this account within the last hour, if anything. */
  async idempotentTarget(
    accountId: string,
    key: string,
    db: SandboxQueryable = this.db,
  ): Promise<{ id: string; kind: 'status' | 'scheduled' } | null> {
    const rows = await db.query<{ status_id: string; kind: 'status' | 'scheduled' }>(
      `SELECT status_id, kind FROM mastodon_idempotency
        WHERE account_id = $1 AND key = $2 AND created_at > now() - interval '1 hour'`,
      [accountId, key],
    );
    return rows[0] ? { id: rows[0].status_id, kind: rows[0].kind } : null;
  }

  /**
   * Claims a key for a new status (or scheduled status). A concurrent request with the same key waits on the
   * row until this transaction ends, then sees the key taken: two racing requests never make two statuses.
   */
  async claimIdempotencyKey(
    accountId: string,
    key: string,
    targetId: string,
    tx: SandboxQueryable,
    kind: 'status' | 'scheduled' = 'status',
  ): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO mastodon_idempotency (account_id, key, status_id, kind) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, key) DO UPDATE SET status_id = EXCLUDED.status_id, kind = EXCLUDED.kind, created_at = now()
        WHERE mastodon_idempotency.created_at <= now() - interval '1 hour'
       RETURNING status_id`,
      [accountId, key, targetId, kind],
    );
    return rows.length > 0;
  }

  // Media ---------------------------------------------------------------------------------------------

  async insertMedia(media: NewMedia, db: SandboxQueryable = this.db): Promise<MediaRow> {
    const [row] = await db.query<MediaRow>(
      `INSERT INTO mastodon_media (account_id, type, content_type, file_name, size, bytes, description, focus, width, height,
         processed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${MEDIA_COLUMNS}`,
      [
        media.accountId,
        media.type,
        media.contentType,
        media.fileName,
        media.bytes.length,
        media.bytes,
        media.description,
        media.focus,
        media.width,
        media.height,
        media.processedAt,
      ],
    );
    return row;
  }

  async mediaById(id: string, db: SandboxQueryable = this.db): Promise<MediaRow | null> {
    const rows = await db.query<MediaRow>(
      `SELECT ${MEDIA_COLUMNS} FROM mastodon_media WHERE id = $1::bigint`,
      [id],
    );
    return rows[0] ?? null;
  }

  async mediaByIds(ids: string[]): Promise<MediaRow[]> {
    if (ids.length === 0) return [];
    return this.db.query<MediaRow>(
      `SELECT ${MEDIA_COLUMNS} FROM mastodon_media WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    );
  }

  async mediaFile(id: string): Promise<{ content_type: string; bytes: Buffer } | null> {
    const rows = await this.db.query<{ content_type: string; bytes: Buffer }>(
      'SELECT content_type, bytes FROM mastodon_media WHERE id = $1::bigint',
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * The caller's unattached media among `ids`, locked so that two statuses cannot take the same file. Media
   * reserved by a scheduled status are only free for that scheduled status (`reservedFor`).
   */
  async lockUnattachedMedia(
    accountId: string,
    ids: string[],
    db: SandboxQueryable,
    reservedFor: string | null = null,
  ): Promise<MediaRow[]> {
    return db.query<MediaRow>(
      `SELECT ${MEDIA_COLUMNS} FROM mastodon_media
        WHERE account_id = $1 AND id = ANY($2::bigint[]) AND status_id IS NULL
          AND scheduled_status_id IS NOT DISTINCT FROM $3::bigint FOR UPDATE`,
      [accountId, ids, reservedFor],
    );
  }

  /** Holds media for a scheduled status (null releases them). */
  async reserveMedia(scheduledStatusId: string | null, ids: string[], db: SandboxQueryable): Promise<void> {
    if (ids.length === 0) return;
    await db.execute(
      'UPDATE mastodon_media SET scheduled_status_id = $1 WHERE id = ANY($2::bigint[]) AND status_id IS NULL',
      [scheduledStatusId, ids],
    );
  }

  async attachMedia(statusId: string, ids: string[], db: SandboxQueryable): Promise<void> {
    if (ids.length === 0) return;
    await db.execute(
      'UPDATE mastodon_media SET status_id = $1, scheduled_status_id = NULL WHERE id = ANY($2::bigint[])',
      [statusId, ids],
    );
  }

  async mediaForStatuses(statusIds: string[]): Promise<Map<string, MediaRow[]>> {
    const map = new Map<string, MediaRow[]>();
    if (statusIds.length === 0) return map;
    const rows = await this.db.query<MediaRow>(
      `SELECT ${MEDIA_COLUMNS} FROM mastodon_media WHERE status_id = ANY($1::bigint[]) ORDER BY id`,
      [statusIds],
    );
    for (const row of rows) {
      const list = map.get(row.status_id ?? '') ?? [];
      list.push(row);
      map.set(row.status_id ?? '', list);
    }
    return map;
  }

  async updateMediaDescription(id: string, description: string | null, focus: string | null): Promise<void> {
    await this.db.execute(
      'UPDATE mastodon_media SET description = COALESCE($2, description), focus = COALESCE($3, focus) WHERE id = $1',
      [id, description, focus],
    );
  }
}
