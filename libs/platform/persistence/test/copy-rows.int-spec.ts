import { Client } from 'pg';
import { createCounterWorld, type CounterWorld } from './counter.fixture';

describe('COPY through the SQL lane (copyRows)', () => {
  let world: CounterWorld;
  let db: Client;
  let table: string;

  beforeAll(async () => {
    world = await createCounterWorld();
    db = new Client({ connectionString: world.url });
    await db.connect();
    table = `"${world.schema}".copied`;
    await db.query(`create table ${table} (
      id integer primary key, label text, tags text[] not null, doc jsonb, at timestamptz, flag boolean)`);
  });
  afterAll(async () => {
    await db.end();
    await world.close();
  });

  const awkward = [
    'tab\there',
    'line\nbreak and\r\nwindows',
    'back\\slash \\N not null',
    '"quoted", {braced}',
    'é ü 漢字 😀',
    '',
  ];

  it('stores every value exactly, whatever characters it holds, streamed over many pieces', async () => {
    const rows: unknown[][] = Array.from({ length: 1200 }, (_, i) => [
      i,
      awkward[i % awkward.length],
      [awkward[i % awkward.length], 'plain', 'NULL'],
      JSON.stringify({ text: awkward[(i + 1) % awkward.length], n: i }),
      new Date(Date.UTC(2026, 10, 26, 12, 0, i % 60)),
      i % 2 === 0,
    ]);
    rows.push([5000, null, [], null, null, null]);
    const copied = await world.uow.runSql(async (tx) => {
      if (!tx.sql.copyRows) throw new Error('the SQL lane must speak COPY');
      return tx.sql.copyRows(table, ['id', 'label', 'tags', 'doc', 'at', 'flag'], rows);
    });
    expect(copied).toBe(1201);
    const stored = (await db.query(`select * from ${table} order by id`)).rows;
    expect(stored).toHaveLength(1201);
    rows.forEach((row, index) => {
      expect(stored[index]).toEqual({
        id: row[0],
        label: row[1],
        tags: row[2],
        doc: row[3] === null ? null : JSON.parse(row[3] as string),
        at: row[4],
        flag: row[5],
      });
    });
  });

  it('rolls the whole COPY back with its transaction when a row is refused', async () => {
    const before = Number((await db.query(`select count(*) n from ${table}`)).rows[0].n);
    await expect(
      world.uow.runSql(async (tx) =>
        tx.sql.copyRows?.(
          table,
          ['id', 'label', 'tags'],
          [
            [9001, 'fine', []],
            [9001, 'duplicate key', []],
          ],
        ),
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(Number((await db.query(`select count(*) n from ${table}`)).rows[0].n)).toBe(before);
  });

  it('aborts the COPY when building a row fails, and the connection stays usable', async () => {
    function* failing() {
      yield [9100, 'first', []];
      throw new Error('row could not be built');
    }
    await expect(
      world.uow.runSql(async (tx) => tx.sql.copyRows?.(table, ['id', 'label', 'tags'], failing())),
    ).rejects.toThrow('row could not be built');
    const after = await world.uow.runSql(async (tx) =>
      tx.sql.query<{ n: string }>(`select count(*) n from ${table} where id = 9100`),
    );
    expect(Number(after[0].n)).toBe(0);
  });
});
