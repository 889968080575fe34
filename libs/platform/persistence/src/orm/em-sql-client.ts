import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlClient } from '@steerco/platform-messaging';
import { arrayLiteral } from '../sql/array-literal';

/**
 * SqlClient over a MikroORM entity manager, running inside its current transaction. It goes through the
 * transaction's knex with real bind parameters: MikroORM's own `execute` pastes values into the SQL text,
 * which for a 1,000-row audit insert means megabytes of escaped SQL (docs/benchmarks.md, import).
 * knex's placeholder is `?`, so `$n` placeholders are rewritten (a reused `$n` repeats its value); knex
 * would expand an array binding into a list, so arrays are bound as PostgreSQL array literals instead,
 * which `$n::type[]` reads exactly as the `pg` driver's own arrays.
 */
export function emSqlClient(em: EntityManager): SqlClient {
  return {
    async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
      const bindings: unknown[] = [];
      const text = sql.replace(/\$(\d+)/g, (_match, n: string) => {
        const value = params[Number(n) - 1];
        bindings.push(Array.isArray(value) ? arrayLiteral(value) : (value ?? null));
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
