import type { Pool, PoolClient } from 'pg';
import { preparedStatementName, type SqlClient } from './sql-client';

/** SqlClient over a `pg` pool or client; `prepare` hints become named prepared statements unless turned off. */
export function pgSqlClient(
  pool: Pool | PoolClient,
  options: { preparedStatements?: boolean } = {},
): SqlClient {
  const prepared = options.preparedStatements ?? true;
  return {
    async query<T extends object>(sql: string, params: unknown[] = [], hint?: { prepare?: boolean }) {
      const result =
        prepared && hint?.prepare
          ? await pool.query({ name: preparedStatementName(sql), text: sql, values: params })
          : await pool.query(sql, params);
      return result.rows as T[];
    },
  };
}
