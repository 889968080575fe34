import type { Pool, PoolClient } from 'pg';
import { pgQueryConfig, type SqlClient } from './sql-client';

/** SqlClient over a `pg` pool or client; `prepare` hints become named prepared statements unless turned off. */
export function pgSqlClient(
  pool: Pool | PoolClient,
  options: { preparedStatements?: boolean } = {},
): SqlClient {
  const prepared = options.preparedStatements ?? true;
  return {
    async query<T extends object>(sql: string, params: unknown[] = [], hint?: { prepare?: boolean }) {
      return (await pool.query(pgQueryConfig(sql, params, hint, prepared))).rows as T[];
    },
  };
}
