/**
 * The narrow database port the messaging code needs. Implemented over a MikroORM entity manager (inside the
 * caller's transaction) or a plain `pg` pool; keeps this library free of the ORM.
 */
export interface SqlClient {
  query<T extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Bulk insert through `COPY ... FROM STDIN`, where the client can speak it (the unit of work's SQL lane):
   * `table` is a quoted, schema-qualified name, each row holds one value per column. Rows may be produced
   * lazily: they are built piece by piece while the database ingests the previous piece.
   */
  copyRows?(table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into SQL, so only plain lower-case identifiers are accepted. */
export function assertSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return schema;
}
