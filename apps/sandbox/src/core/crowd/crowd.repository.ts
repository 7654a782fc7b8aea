import { Injectable } from '@nestjs/common';
import { SandboxDb } from '../sandbox-db';
import { CrowdLogEntry, CrowdSettings } from './crowd.types';

interface StateRow {
  seed: string;
  rate_per_minute: number;
  networks: string[] | null;
  account_ids: string[] | null;
  paused: boolean;
  next_seq: string;
}

interface LogRow {
  id: string;
  seed: string;
  seq: string;
  network: string;
  account_id: string;
  kind: CrowdLogEntry['kind'];
  category: CrowdLogEntry['category'];
  language: 'en' | 'cy';
  citizen_handle: string;
  citizen_name: string;
  text: string;
  post_id: string | null;
  object_id: string | null;
  error: string | null;
  created_at: Date;
}

export interface StoredCrowdState {
  settings: CrowdSettings;
  paused: boolean;
  nextSeq: number;
}

export interface CrowdLogQuery {
  network?: string;
  accountId?: string;
  category?: string;
  afterId?: string;
  limit: number;
}

/** The crowd's settings (one row, so a restart carries on) and its log of every item it produced. */
@Injectable()
export class CrowdRepository {
  constructor(private readonly db: SandboxDb) {}

  ensureSchema(): Promise<void> {
    return this.db.ensureSchema('sandbox_crowd', [
      `CREATE TABLE IF NOT EXISTS sandbox_crowd_state (
         id int PRIMARY KEY CHECK (id = 1),
         seed text NOT NULL,
         rate_per_minute int NOT NULL,
         networks text[],
         account_ids text[],
         paused boolean NOT NULL,
         next_seq bigint NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE TABLE IF NOT EXISTS sandbox_crowd_items (
         id bigserial PRIMARY KEY,
         seed text NOT NULL,
         seq bigint NOT NULL,
         network text NOT NULL,
         account_id text NOT NULL,
         kind text NOT NULL,
         category text NOT NULL,
         language text NOT NULL,
         citizen_handle text NOT NULL,
         citizen_name text NOT NULL,
         text text NOT NULL,
         post_id text,
         object_id text,
         error text,
         created_at timestamptz NOT NULL DEFAULT clock_timestamp()
       )`,
      'CREATE INDEX IF NOT EXISTS sandbox_crowd_items_account ON sandbox_crowd_items (network, account_id, id)',
    ]);
  }

  async load(): Promise<StoredCrowdState | null> {
    const [row] = await this.db.query<StateRow>('SELECT * FROM sandbox_crowd_state WHERE id = 1');
    if (!row) return null;
    return {
      settings: {
        seed: row.seed,
        ratePerMinute: row.rate_per_minute,
        networks: row.networks,
        accountIds: row.account_ids,
      },
      paused: row.paused,
      nextSeq: Number(row.next_seq),
    };
  }

  async save(state: StoredCrowdState): Promise<void> {
    const { settings } = state;
    await this.db.execute(
      `INSERT INTO sandbox_crowd_state (id, seed, rate_per_minute, networks, account_ids, paused, next_seq)
       VALUES (1, $1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET seed = $1, rate_per_minute = $2, networks = $3, account_ids = $4,
         paused = $5, next_seq = $6, updated_at = now()`,
      [
        settings.seed,
        settings.ratePerMinute,
        settings.networks,
        settings.accountIds,
        state.paused,
        state.nextSeq,
      ],
    );
  }

  /** Moves next_seq forward (never back: batches may finish out of order). */
  async advance(seed: string, nextSeq: number): Promise<void> {
    await this.db.execute(
      'UPDATE sandbox_crowd_state SET next_seq = GREATEST(next_seq, $2), updated_at = now() WHERE id = 1 AND seed = $1',
      [seed, nextSeq],
    );
  }

  async setPaused(paused: boolean): Promise<void> {
    await this.db.execute('UPDATE sandbox_crowd_state SET paused = $1, updated_at = now() WHERE id = 1', [
      paused,
    ]);
  }

  async log(entries: Omit<CrowdLogEntry, 'id' | 'createdAt'>[]): Promise<void> {
    if (!entries.length) return;
    const column = <K extends keyof Omit<CrowdLogEntry, 'id' | 'createdAt'>>(key: K) =>
      entries.map((e) => e[key]);
    await this.db.execute(
      `INSERT INTO sandbox_crowd_items
         (seed, seq, network, account_id, kind, category, language, citizen_handle, citizen_name, text, post_id,
          object_id, error)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])`,
      [
        column('seed'),
        column('seq'),
        column('network'),
        column('accountId'),
        column('kind'),
        column('category'),
        column('language'),
        column('citizenHandle'),
        column('citizenName'),
        column('text'),
        column('postId'),
        column('objectId'),
        column('error'),
      ],
    );
  }

  async find(query: CrowdLogQuery): Promise<CrowdLogEntry[]> {
    const rows = await this.db.query<LogRow>(
      `SELECT * FROM sandbox_crowd_items
       WHERE ($1::text IS NULL OR network = $1) AND ($2::text IS NULL OR account_id = $2)
         AND ($3::text IS NULL OR category = $3) AND ($4::bigint IS NULL OR id > $4)
       ORDER BY id LIMIT $5`,
      [
        query.network ?? null,
        query.accountId ?? null,
        query.category ?? null,
        query.afterId ?? null,
        query.limit,
      ],
    );
    return rows.map((row) => ({
      id: String(row.id),
      seed: row.seed,
      seq: Number(row.seq),
      network: row.network,
      accountId: row.account_id,
      kind: row.kind,
      category: row.category,
      language: row.language,
      citizenHandle: row.citizen_handle,
      citizenName: row.citizen_name,
      text: row.text,
      postId: row.post_id,
      objectId: row.object_id,
      error: row.error,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
