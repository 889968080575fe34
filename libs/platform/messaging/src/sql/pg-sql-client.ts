import type { Pool, PoolClient } from 'pg';
import type { SqlClient } from './sql-client';

export function pgSqlClient(pool: Pool | PoolClient): SqlClient {
  return {
    async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
      const result = await pool.query(sql, params);
      return result.rows as T[];
    },
  };
}
