import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource, EntityTarget } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const names = new Map<string, string>();

/** A statement's name: the same text always gets the same name, and two texts never share one. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `oi_${createHash('sha1').update(text).digest('hex')}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs one statement as a named prepared statement on the pool behind TypeORM: each connection parses and plans
 * it once, then only binds and executes it. For the few statements every post runs (the publishing engine's
 * claim and record, whose audit CTEs make them long to parse and plan); each is one statement outside any
 * transaction, so the pool's connection is the right one. Answers the rows, whatever the statement kind.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query({ name: statementName(text), text, values });
  return result.rows as T[];
}

/** The SELECT of one row by id for an entity, built once per entity from TypeORM's metadata. */
const selects = new Map<unknown, string>();

/**
 * `repository.findOneBy({ id })` as a prepared statement: the same selected columns (`select: false` ones left
 * out), hydrated by the driver as TypeORM hydrates them (dates, JSON, numbers), without building the query again
 * for every call. For the rows every post reads (its target and its channel).
 */
export async function findByIdPrepared<T extends object>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  id: string,
): Promise<T | null> {
  const metadata = dataSource.getMetadata(entity);
  const columns = metadata.columns.filter((column) => column.isSelect);
  let text = selects.get(metadata.target);
  if (!text) {
    const list = columns.map((column) => `"${column.databaseName}"`).join(', ');
    text = `SELECT ${list} FROM "${metadata.tablePath}" WHERE "${metadata.primaryColumns[0].databaseName}" = $1`;
    selects.set(metadata.target, text);
  }
  const [row] = await preparedQuery<Record<string, unknown>>(dataSource, text, [id]);
  if (!row) return null;
  const found = metadata.create() as T;
  for (const column of columns) {
    column.setEntityValue(found, dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return found;
}
