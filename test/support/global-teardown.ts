import { Client } from 'pg';
import { databaseUrl } from './test-env';

/** Drops every database this run created (the template and any a crashed test file left behind). */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.OI_TEST_RUN_ID;
  if (!runId) return;
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`oi_test_${runId}_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  delete process.env.OI_TEST_TEMPLATE_DB;
  delete process.env.OI_TEST_RUN_ID;
}
