import { createHash } from 'node:crypto';

/**
 * The narrow database port the messaging code needs. Implemented over a MikroORM entity manager (inside the
 * caller's transaction) or a plain `pg` pool; keeps this library free of the ORM.
 */
export interface SqlClient {
  query<T extends object = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<T[]>;
  /**
   * Bulk insert through `COPY ... FROM STDIN`, where the client can speak it (the unit of work's SQL lane):
   * `table` is a quoted, schema-qualified name, each row holds one value per column. Rows may be produced
   * lazily: they are built piece by piece while the database ingests the previous piece.
   */
  copyRows?(table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number>;
}

export interface QueryOptions {
  /**
   * A hint for the hottest statements, whose text is one and the same every time: a client that can keeps
   * the statement parsed and planned on each connection (a named prepared statement) instead of parsing and
   * planning it at every call, which for the write path's CTEs cost PostgreSQL more than running them
   * (docs/benchmarks.md, write path). Clients that cannot, or are told not to (DATABASE_PREPARED_STATEMENTS),
   * ignore it. Never for texts that vary with the data: each one would stay prepared on every connection.
   */
  prepare?: boolean;
}

/** The name a prepared statement is kept under: derived from its text, so two texts never share one. */
export function preparedStatementName(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) {
    name = `steerco_${createHash('sha1').update(sql).digest('hex').slice(0, 32)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

/**
 * The query a `pg` client runs for `sql`: a named prepared statement where the caller hinted it and the client
 * allows it, an unnamed one otherwise (the driver's QueryConfig shape).
 */
export function pgQueryConfig(
  sql: string,
  params: unknown[],
  hint: QueryOptions | undefined,
  preparedStatements: boolean,
): { name?: string; text: string; values: unknown[] } {
  return hint?.prepare && preparedStatements
    ? { name: preparedStatementName(sql), text: sql, values: params }
    : { text: sql, values: params };
}

/** Texts of prepared statements are few and fixed (see QueryOptions.prepare): their names are kept. */
const preparedNames = new Map<string, string>();

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into SQL, so only plain lower-case identifiers are accepted. */
export function assertSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return schema;
}
