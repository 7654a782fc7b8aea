import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { createDatabaseIfMissing, dropDatabase, splitDatabaseUrl } from '../prepare-database';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * Migrates a throw-away database with the committed migrations, then asks TypeORM what it would
 * still change to match the entities. An empty answer means entities and migrations agree.
 */
export async function diffEntitiesAgainstMigrations(baseUrl: string): Promise<SchemaDiff> {
  const url = new URL(baseUrl);
  url.pathname = `/${splitDatabaseUrl(baseUrl).name}_schema_check_${randomBytes(4).toString('hex')}`;
  const scratchUrl = url.toString();
  await createDatabaseIfMissing(scratchUrl);
  const dataSource = new DataSource(dataSourceOptions(scratchUrl));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query),
      down: sql.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(scratchUrl);
  }
}
