import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Parses a postgres URL into the database name and a URL of the maintenance database beside it. */
export function splitDatabaseUrl(databaseUrl: string): { name: string; adminUrl: string } {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name)
    throw new Error(`DATABASE_URL has no database name: add one, as in postgres://host:5432/outside_in`);
  url.pathname = '/postgres';
  return { name, adminUrl: url.toString() };
}

export async function createDatabaseIfMissing(databaseUrl: string, template?: string): Promise<boolean> {
  const { name, adminUrl } = splitDatabaseUrl(databaseUrl);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    const escaped = `"${name.replace(/"/g, '""')}"`;
    try {
      await admin.query(
        `CREATE DATABASE ${escaped}${template ? ` TEMPLATE "${template.replace(/"/g, '""')}"` : ''}`,
      );
    } catch (error) {
      // Another process created it between our check and our CREATE: that is fine.
      if ((error as { code?: string }).code !== '42P04') throw error;
      return false;
    }
    return true;
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { name, adminUrl } = splitDatabaseUrl(databaseUrl);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A fixed advisory-lock key so that api and worker processes starting together migrate one at a time. */
const MIGRATION_LOCK_KEY = 727_001;

/** Creates the database if needed and runs pending migrations under an advisory lock; returns their names. */
export async function prepareDatabase(databaseUrl: string): Promise<string[]> {
  await createDatabaseIfMissing(databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await dataSource.destroy();
  }
}
