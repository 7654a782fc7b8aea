import { Injectable, OnModuleInit } from '@nestjs/common';
import { SandboxDb, SandboxQueryable } from './sandbox-db';

/** What was created. `quote` counts as a post; a Facebook or Instagram comment is `comment`. */
export type LedgerKind = 'post' | 'reply' | 'comment' | 'dm' | 'media';
export const LEDGER_KINDS: readonly LedgerKind[] = ['post', 'reply', 'comment', 'dm', 'media'];

export interface LedgerRecordInput {
  network: string;
  /** The account that created it (the sandbox client's account, not a crowd citizen). */
  accountId: string;
  kind: LedgerKind;
  /** The network's id of the created object (tweet id, `{pageId}_{postId}`, status id, at:// URI, media id). */
  objectId: string;
  /** Mastodon's Idempotency-Key, Bluesky's rkey when the client chose it, ... when the request carried one. */
  idempotencyKey?: string | null;
  /** The text (post, reply, comment, DM); for media a short description such as `image/png 12345 bytes`. */
  content: string | null;
  /** The post or message this one answers, if any. */
  parentId?: string | null;
  /** Anything else worth seeing later (visibility, media ids, scheduled time ...). Must be JSON-serialisable. */
  meta?: Record<string, unknown>;
}

export interface LedgerEntry {
  id: string;
  network: string;
  accountId: string;
  kind: LedgerKind;
  objectId: string;
  idempotencyKey: string | null;
  content: string | null;
  parentId: string | null;
  meta: Record<string, unknown>;
  createdAt: string;
}

export interface LedgerQuery {
  network?: string;
  accountId?: string;
  kind?: LedgerKind;
  /** Entries created at or after this instant. */
  since?: Date;
  idempotencyKey?: string;
  objectId?: string;
  /** Default 100, at most 1000; oldest first. */
  limit?: number;
  /** Return entries with id greater than this (paging). */
  afterId?: string;
}

interface LedgerRow {
  id: string;
  network: string;
  account_id: string;
  kind: LedgerKind;
  object_id: string;
  idempotency_key: string | null;
  content: string | null;
  parent_id: string | null;
  meta: Record<string, unknown>;
  created_at: Date;
}

/**
 * Every create on the sandbox (post, reply, comment, DM, media), so tests can prove nothing was published
 * twice and nothing went missing. Networks call `record` right after they store the object, ideally in the
 * same transaction (pass the `tx` from SandboxDb.transaction), and before FaultService.dropAfterCommit.
 */
@Injectable()
export class LedgerService implements OnModuleInit {
  constructor(private readonly db: SandboxDb) {}

  async onModuleInit(): Promise<void> {
    await this.db.ensureSchema('sandbox_ledger', [
      `CREATE TABLE IF NOT EXISTS sandbox_ledger (
         id bigserial PRIMARY KEY,
         network text NOT NULL,
         account_id text NOT NULL,
         kind text NOT NULL,
         object_id text NOT NULL,
         idempotency_key text,
         content text,
         parent_id text,
         meta jsonb NOT NULL DEFAULT '{}'::jsonb,
         created_at timestamptz NOT NULL DEFAULT clock_timestamp()
       )`,
      'CREATE INDEX IF NOT EXISTS sandbox_ledger_account ON sandbox_ledger (network, account_id, id)',
      'CREATE INDEX IF NOT EXISTS sandbox_ledger_idempotency ON sandbox_ledger (idempotency_key) WHERE idempotency_key IS NOT NULL',
    ]);
  }

  async record(input: LedgerRecordInput, db: SandboxQueryable = this.db): Promise<LedgerEntry> {
    const [row] = await db.query<LedgerRow>(
      `INSERT INTO sandbox_ledger (network, account_id, kind, object_id, idempotency_key, content, parent_id, meta)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        input.network,
        input.accountId,
        input.kind,
        input.objectId,
        input.idempotencyKey ?? null,
        input.content,
        input.parentId ?? null,
        JSON.stringify(input.meta ?? {}),
      ],
    );
    return toEntry(row);
  }

  /**
   * Creates that repeat within one account: the same kind with the same content, or the same idempotency key.
   * Publishing exactly once means this is empty (a test that posts the same text twice on purpose will see it).
   */
  async duplicates(filter: { network?: string; accountId?: string } = {}): Promise<LedgerDuplicate[]> {
    const rows = await this.db.query<{
      network: string;
      account_id: string;
      kind: LedgerKind;
      by: 'content' | 'idempotencyKey';
      value: string;
      count: string;
      object_ids: string[];
    }>(
      `SELECT network, account_id, kind, by, value, count(*) AS count, array_agg(object_id ORDER BY id) AS object_ids
       FROM (
         SELECT id, network, account_id, kind, object_id, 'content' AS by, content AS value
           FROM sandbox_ledger WHERE content IS NOT NULL AND content <> ''
         UNION ALL
         SELECT id, network, account_id, kind, object_id, 'idempotencyKey' AS by, idempotency_key AS value
           FROM sandbox_ledger WHERE idempotency_key IS NOT NULL
       ) AS entries
       WHERE ($1::text IS NULL OR network = $1) AND ($2::text IS NULL OR account_id = $2)
       GROUP BY network, account_id, kind, by, value
       HAVING count(*) > 1
       ORDER BY min(id)`,
      [filter.network ?? null, filter.accountId ?? null],
    );
    return rows.map((row) => ({
      network: row.network,
      accountId: row.account_id,
      kind: row.kind,
      by: row.by,
      value: row.value,
      count: Number(row.count),
      objectIds: row.object_ids,
    }));
  }

  async find(query: LedgerQuery = {}): Promise<LedgerEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.network) add('network = ?', query.network);
    if (query.accountId) add('account_id = ?', query.accountId);
    if (query.kind) add('kind = ?', query.kind);
    if (query.since) add('created_at >= ?', query.since);
    if (query.idempotencyKey) add('idempotency_key = ?', query.idempotencyKey);
    if (query.objectId) add('object_id = ?', query.objectId);
    if (query.afterId) add('id > ?', query.afterId);
    params.push(Math.min(Math.max(query.limit ?? 100, 1), 1000));
    const rows = await this.db.query<LedgerRow>(
      `SELECT * FROM sandbox_ledger ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }
}

export interface LedgerDuplicate {
  network: string;
  accountId: string;
  kind: LedgerKind;
  /** What repeats: the same content, or the same idempotency key. */
  by: 'content' | 'idempotencyKey';
  value: string;
  count: number;
  objectIds: string[];
}

function toEntry(row: LedgerRow): LedgerEntry {
  return {
    id: String(row.id),
    network: row.network,
    accountId: row.account_id,
    kind: row.kind,
    objectId: row.object_id,
    idempotencyKey: row.idempotency_key,
    content: row.content,
    parentId: row.parent_id,
    meta: row.meta,
    createdAt: row.created_at.toISOString(),
  };
}
