import { createDatabaseIfMissing, dropDatabase } from '@outside-in/database';
import { databaseUrl, runId, templateName, uniqueSuffix } from './test-env';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(label = 'db'): Promise<TestDatabase> {
  const name = `oi_test_${runId()}_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${uniqueSuffix()}`;
  const url = databaseUrl(name);
  await createDatabaseIfMissing(url, templateName());
  return { url, name, drop: () => dropDatabase(url) };
}
