import { Client } from 'pg';
import { canonicalJson } from '../src/audit/canonical-json';
import { createCounterWorld, type CounterWorld } from './counter.fixture';

/**
 * Audit changes and outbox payloads are stored as `json`, the text as written
 * (docs/adr/0013-json-text-for-audit-and-outbox.md); records written while they were `jsonb` stay valid.
 */
describe('json text for audit changes and outbox payloads', () => {
  let world: CounterWorld;
  let db: Client;
  const sql = { query: async (text: string, params?: unknown[]) => (await db.query(text, params)).rows };
  const setColumnType = async (type: 'json' | 'jsonb') => {
    await db.query(`alter table "${world.schema}".audit_record alter column changes type ${type}`);
    await db.query(`alter table "${world.schema}".outbox_event alter column payload type ${type}`);
  };

  beforeAll(async () => {
    world = await createCounterWorld();
    db = new Client({ connectionString: world.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await world.close();
  });

  it('has both columns as json after the platform migrations', async () => {
    const { rows } = await db.query(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = $1 and column_name in ('changes', 'payload') order by table_name`,
      [world.schema],
    );
    expect(rows).toEqual([
      { table_name: 'audit_record', column_name: 'changes', data_type: 'json' },
      { table_name: 'outbox_event', column_name: 'payload', data_type: 'json' },
    ]);
  });

  it('stores the canonical text that was hashed, byte for byte, in every write path', async () => {
    const counter = await world.create();
    await world.increment(counter.id); // one record in one statement, chained in SQL
    await world.uow.run(async (tx) => {
      // several records: the batch path; keys out of order, text that needs escaping
      for (const note of ['tab\there', 'quote " and backslash \\'])
        tx.audit({
          objectType: 'counter',
          objectId: counter.id,
          action: 'noted',
          changes: { zeta: { before: null, after: note }, alpha: { before: 1, after: 2 } },
        });
    });
    const { rows } = await db.query<{ text: string }>(
      `select changes::text as text from "${world.schema}".audit_record where object_id = $1 order by seq`,
      [counter.id],
    );
    const stored = rows.map((r) => r.text);
    expect(stored).toEqual(stored.map((text) => canonicalJson(JSON.parse(text))));
    expect(stored[2]).toBe('{"alpha":{"after":2,"before":1},"zeta":{"after":"tab\\there","before":null}}');
    await expect(world.uow.auditTrail.verify(sql, 'counter', counter.id)).resolves.toEqual({ valid: true });
  });

  it('keeps chains and events written while the columns were jsonb valid after the change to json', async () => {
    await setColumnType('jsonb');
    const counter = await world.create();
    await world.increment(counter.id);
    await world.uow.run(async (tx) => {
      tx.audit({
        objectType: 'counter',
        objectId: counter.id,
        action: 'noted',
        // jsonb reorders keys (shorter first): the stored text is no longer what was hashed
        changes: { longerKey: { before: null, after: 'x' }, k: { before: null, after: 'y' } },
      });
    });
    await setColumnType('json');
    await world.increment(counter.id);
    await expect(world.uow.auditTrail.verify(sql, 'counter', counter.id)).resolves.toEqual({ valid: true });
    const { rows } = await db.query(
      `select payload from "${world.schema}".outbox_event where key = $1 order by seq`,
      [counter.id],
    );
    expect(rows.map((r) => r.payload)).toEqual([
      { counterId: counter.id, value: 0 },
      { counterId: counter.id, value: 1 },
      { counterId: counter.id, value: 2 },
    ]);
  });
});
