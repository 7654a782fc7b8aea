import { randomBytes } from 'node:crypto';

/** Where the tests' databases live: the developer's server, never the developer's database. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  return `${TEST_SERVER_URL.replace(/\/$/, '')}/${name}`;
}

/** Set by the global setup: the migrated template every test file clones. */
export function templateName(): string {
  const name = process.env.OI_TEST_TEMPLATE_DB;
  if (!name)
    throw new Error('OI_TEST_TEMPLATE_DB is not set: run integration tests through jest (global setup).');
  return name;
}

export function runId(): string {
  return process.env.OI_TEST_RUN_ID ?? 'adhoc';
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}
