import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlClient } from '@steerco/platform-messaging';

/**
 * SqlClient over a MikroORM entity manager, running inside its current transaction. MikroORM executes raw SQL
 * through knex, whose placeholder is `?`; `$n` placeholders are rewritten (a reused `$n` repeats its value).
 * knex expands array bindings into lists, so arrays are refused here rather than silently mangled.
 */
export function emSqlClient(em: EntityManager): SqlClient {
  return {
    async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
      const bindings: unknown[] = [];
      const text = sql.replace(/\$(\d+)/g, (_match, n: string) => {
        const value = params[Number(n) - 1];
        if (Array.isArray(value))
          throw new Error('array parameters are not supported through the ORM connection');
        bindings.push(value);
        return '?';
      });
      return (await em.getConnection().execute(text, bindings, 'all', em.getTransactionContext())) as T[];
    },
  };
}
