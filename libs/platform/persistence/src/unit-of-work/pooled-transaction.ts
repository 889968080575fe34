import type { MikroORM } from '@mikro-orm/postgresql';
import { pgQueryConfig, type QueryOptions, type SqlClient } from '@steerco/platform-messaging';
import type { Client } from 'pg';
import { copyFrom } from '../sql/copy-from-stdin';
import { copyTextPieces } from '../sql/copy-text';

type PgConnection = Pick<Client, 'query'>;

interface KnexPoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

function poolOf(orm: MikroORM): KnexPoolClient {
  return orm.em.getConnection().getKnex().client as unknown as KnexPoolClient;
}

/** Whether `prepare` hints become named prepared statements (off behind a transaction-mode pooler). */
export interface PooledSqlOptions {
  preparedStatements: boolean;
}

/** Each query on a connection borrowed from the ORM's pool for just that statement. */
export function pooledSqlClient(orm: MikroORM, options: PooledSqlOptions): SqlClient {
  return {
    async query<R extends object>(text: string, params: unknown[] = [], hint?: QueryOptions): Promise<R[]> {
      const pool = poolOf(orm);
      const connection = await pool.acquireConnection();
      try {
        return (await connection.query(pgQueryConfig(text, params, hint, options.preparedStatements)))
          .rows as R[];
      } finally {
        await pool.releaseConnection(connection);
      }
    },
  };
}

/**
 * Runs `work` in a transaction on a `pg` connection borrowed from the ORM's own pool, so the lane shares
 * its connection limit and configuration. The driver speaks `$n` placeholders natively. A connection that
 * failed is marked by the driver and discarded by the pool when it is next validated.
 */
export async function withPooledTransaction<T>(
  orm: MikroORM,
  options: PooledSqlOptions,
  work: (sql: SqlClient) => Promise<T>,
): Promise<T> {
  const pool = poolOf(orm);
  const connection = await pool.acquireConnection();
  const sql: SqlClient = {
    async query<R extends object>(text: string, params: unknown[] = [], hint?: QueryOptions): Promise<R[]> {
      return (await connection.query(pgQueryConfig(text, params, hint, options.preparedStatements)))
        .rows as R[];
    },
    copyRows(table, columns, rows) {
      const statement = `copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`;
      return copyFrom(connection, statement, copyTextPieces(rows));
    },
  };
  try {
    await connection.query('begin');
    const result = await work(sql);
    await connection.query('commit');
    return result;
  } catch (error) {
    await connection.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await pool.releaseConnection(connection);
  }
}
