import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Pool, PoolClient, QueryConfig, QueryResultRow } from 'pg';
import { createDatabaseIfMissing } from '@outside-in/database';
import { SANDBOX_OPTIONS, SandboxOptions } from './sandbox-options';

/** Something SQL can be sent to: the pool itself, or one transaction's client (see SandboxDb.transaction). */
export interface SandboxQueryable {
  /** Runs one statement with $1.. parameters and returns its rows (use RETURNING to learn what changed). */
  query<T extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one statement and returns how many rows it touched (rowCount). */
  execute(sql: string, params?: unknown[]): Promise<number>;
}

/**
 * The sandbox's own Postgres database (SANDBOX_DATABASE_URL; default: DATABASE_URL's name + `_sandbox`).
 * Every network keeps its state here, so the sandbox survives a restart.
 *
 * The database is created lazily on the first query, so networks may call `ensureSchema` from their
 * `onModuleInit` in any module order. Tables are named `<owner>_...` (for example `x_tweets`, `meta_pages`)
 * so that networks never collide; the core's own tables start with `sandbox_`.
 */
@Injectable()
export class SandboxDb implements SandboxQueryable, OnApplicationShutdown {
  private readonly logger = new Logger(SandboxDb.name);
  private readonly pool: Pool;
  private ready?: Promise<void>;

  constructor(@Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions) {
    // Ten connections: Postgres allows 100 in all, and several sandboxes (tests, the demo) share one server.
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client losing its connection (Postgres restarted) must not crash the sandbox.
    this.pool.on('error', (error) =>
      this.logger.warn(`Idle sandbox database connection failed: ${error.message}`),
    );
  }

  async query<T extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    await this.whenReady();
    const result = await this.pool.query<T>(statement(sql, params));
    return result.rows;
  }

  async execute(sql: string, params: unknown[] = []): Promise<number> {
    await this.whenReady();
    const result = await this.pool.query(statement(sql, params));
    return result.rowCount ?? 0;
  }

  /**
   * Runs `fn` in one transaction (BEGIN ... COMMIT, ROLLBACK if it throws). Pass the given `tx` to
   * LedgerService.record so that an object and its ledger entry are written together or not at all.
   */
  async transaction<T>(fn: (tx: SandboxQueryable) => Promise<T>): Promise<T> {
    await this.whenReady();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(clientQueryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Creates a network's tables. `ddl` must be idempotent (CREATE TABLE IF NOT EXISTS, CREATE INDEX IF NOT
   * EXISTS, ALTER TABLE ... ADD COLUMN IF NOT EXISTS). The statements run in one transaction under an advisory
   * lock keyed by `owner`, so two sandbox processes starting together do not race on the catalogue.
   */
  async ensureSchema(owner: string, ddl: string[]): Promise<void> {
    const lockKey = advisoryKey(`sandbox-schema:${owner}`);
    await this.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
      for (const statement of ddl) await tx.query(statement);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  private whenReady(): Promise<void> {
    this.ready ??= createDatabaseIfMissing(this.options.databaseUrl).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined; // let the next query try again (Postgres may come up later)
        throw error;
      },
    );
    return this.ready;
  }
}

function clientQueryable(client: PoolClient): SandboxQueryable {
  return {
    async query<T extends QueryResultRow = QueryResultRow>(
      sql: string,
      params: unknown[] = [],
    ): Promise<T[]> {
      return (await client.query<T>(statement(sql, params))).rows;
    },
    async execute(sql: string, params: unknown[] = []): Promise<number> {
      return (await client.query(statement(sql, params))).rowCount ?? 0;
    },
  };
}

/** Distinct statements named so far (see statement); beyond MAX_NAMED, new ones run unnamed. */
const named = new Map<string, string>();
const MAX_NAMED = 1000;

/**
 * One statement as a query config: a named prepared statement (parsed and planned once per connection, the
 * sandbox answering thousands of posts a second in the benchmarks beside the engine) when it is one data
 * statement, unnamed otherwise (schema DDL, several statements in one string), and unnamed once MAX_NAMED
 * distinct texts have been named, so statements built from data cannot grow each connection without bound.
 */
function statement(sql: string, params: unknown[]): QueryConfig {
  let name = named.get(sql);
  if (
    !name &&
    named.size < MAX_NAMED &&
    /^\s*(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i.test(sql) &&
    !/;\s*\S/.test(sql)
  ) {
    name = `sb_${createHash('sha1').update(sql).digest('hex')}`;
    named.set(sql, name);
  }
  return name ? { name, text: sql, values: params } : { text: sql, values: params };
}

/** A stable 63-bit advisory lock key for a name (pg_advisory_xact_lock takes a bigint). */
function advisoryKey(name: string): string {
  return BigInt.asIntN(
    64,
    BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 16)}`),
  ).toString();
}
