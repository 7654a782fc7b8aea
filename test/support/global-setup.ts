import { randomBytes } from 'node:crypto';
// A relative import: jest's moduleNameMapper (the @outside-in aliases) does not apply to global setup.
import { prepareDatabase } from '../../libs/database/src/prepare-database';
import { databaseUrl } from './test-env';

/**
 * Migrates one template database per test run; every test file clones it (CREATE DATABASE ...
 * TEMPLATE), which takes milliseconds and keeps test files independent of each other.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.OI_TEST_TEMPLATE_DB) return; // the other project already prepared it
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const template = `oi_test_${runId}_template`;
  await prepareDatabase(databaseUrl(template));
  process.env.OI_TEST_RUN_ID = runId;
  process.env.OI_TEST_TEMPLATE_DB = template;
}
