/**
 * A uuid[] parameter as PostgreSQL's array literal (`{a,b}`), to bind as `$n::uuid[]`. The ORM's connection
 * refuses array bindings (knex would expand them into lists), and this text works on both lanes. The ids are
 * checked, so nothing but UUIDs enters the literal.
 */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
      throw new Error(`not a UUID: ${JSON.stringify(id)}`);
    }
  }
  return `{${ids.join(',')}}`;
}
