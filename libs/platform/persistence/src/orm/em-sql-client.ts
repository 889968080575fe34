import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlClient } from '@steerco/platform-messaging';

/**
 * SqlClient over a MikroORM entity manager, running inside its current transaction. It goes through the
 * transaction's knex with real bind parameters: MikroORM's own `execute` pastes values into the SQL text,
 * which for a 1,000-row audit insert means megabytes of escaped SQL (docs/benchmarks.md, import).
 * knex's placeholder is `?`, so `$n` placeholders are rewritten (a reused `$n` repeats its value); knex
 * expands array bindings into lists, so arrays are refused rather than silently mangled.
 */
export function emSqlClient(em: EntityManager): SqlClient {
  return {
    async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
      const bindings: unknown[] = [];
      const text = sql.replace(/\$(\d+)/g, (_match, n: string) => {
        const value = params[Number(n) - 1];
        if (Array.isArray(value))
          throw new Error('array parameters are not supported through the ORM connection');
        bindings.push(value ?? null);
        return '?';
      });
      const knex = em.getConnection().getKnex();
      const transaction = em.getTransactionContext();
      const query = knex.raw(text, bindings as never[]);
      const result = (await (transaction ? query.transacting(transaction) : query)) as { rows: T[] };
      return result.rows;
    },
  };
}
