/** The rows of an UPDATE ... RETURNING through TypeORM's query(), which answers `[rows, affected]` for Postgres. */
export function returnedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : [];
}
