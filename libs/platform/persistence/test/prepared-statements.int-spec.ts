import { Pool } from 'pg';
import { pgSqlClient, preparedStatementName } from '@steerco/platform-messaging';
import { UnitOfWork } from '../src/unit-of-work/unit-of-work';
import { createCounterWorld, type CounterWorld } from './counter.fixture';

/** The `prepare` hint of the SQL port: a named prepared statement per connection, unless turned off. */
describe('prepared statements', () => {
  let world: CounterWorld;
  const statement = (tag: string) => `select $1::int + 1 as n /* ${tag} */`;
  const preparedOf = async (query: (text: string) => Promise<{ name: string }[]>) =>
    (await query('select name from pg_prepared_statements')).map((r) => r.name);

  beforeAll(async () => {
    world = await createCounterWorld();
  });
  afterAll(() => world?.close());

  it('names a statement after its text, so different texts never share a name', () => {
    expect(preparedStatementName(statement('a'))).toBe(preparedStatementName(statement('a')));
    expect(preparedStatementName(statement('a'))).not.toBe(preparedStatementName(statement('b')));
    expect(preparedStatementName(statement('a'))).toMatch(/^steerco_[0-9a-f]{32}$/);
  });

  it('keeps a hinted statement prepared on the pool connection that ran it, and runs it again from there', async () => {
    const pool = new Pool({ connectionString: world.url, max: 1 });
    try {
      const sql = pgSqlClient(pool);
      const text = statement('pg pool');
      await expect(sql.query(text, [1], { prepare: true })).resolves.toEqual([{ n: 2 }]);
      await expect(sql.query(text, [41], { prepare: true })).resolves.toEqual([{ n: 42 }]);
      await sql.query(statement('not hinted'), [1]);
      expect(await preparedOf((t) => sql.query(t))).toEqual([preparedStatementName(text)]);
    } finally {
      await pool.end();
    }
  });

  it('ignores the hint when prepared statements are turned off', async () => {
    const pool = new Pool({ connectionString: world.url, max: 1 });
    try {
      const sql = pgSqlClient(pool, { preparedStatements: false });
      await expect(sql.query(statement('off'), [1], { prepare: true })).resolves.toEqual([{ n: 2 }]);
      expect(await preparedOf((t) => sql.query(t))).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it('honours the hint on the unit of work’s SQL lane, and its switch', async () => {
    const inTransaction = (uow: UnitOfWork, text: string) =>
      uow.runSql(async (tx) => {
        await tx.sql.query(text, [1], { prepare: true });
        return preparedOf((t) => tx.sql.query(t));
      });
    const on = statement('lane on');
    expect(await inTransaction(world.uow, on)).toContain(preparedStatementName(on));

    const off = statement('lane off');
    const unprepared = new UnitOfWork(world.orm, 'hierarchy', world.schema, { preparedStatements: false });
    expect(await inTransaction(unprepared, off)).not.toContain(preparedStatementName(off));
  });
});
