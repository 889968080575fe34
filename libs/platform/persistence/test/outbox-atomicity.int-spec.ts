import { Client } from 'pg';
import { canonicalJson } from '../src/audit/canonical-json';
import { Counter, createCounterWorld, type CounterWorld } from './counter.fixture';

describe('unit of work: state, audit record and outbox event commit together', () => {
  let world: CounterWorld;
  let db: Client;
  const count = async (table: string) =>
    Number((await db.query(`select count(*) as n from "${world.schema}".${table}`)).rows[0].n);

  beforeAll(async () => {
    world = await createCounterWorld();
    db = new Client({ connectionString: world.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await world.close();
  });

  it('writes one state row, one audit row and one outbox row per change', async () => {
    const counter = await world.create();
    await world.increment(counter.id);
    const value = (await db.query(`select value from "${world.schema}".counter where id = $1`, [counter.id]))
      .rows[0].value;
    expect(value).toBe(1);
    const audit = await db.query(
      `select action, changes from "${world.schema}".audit_record where object_id = $1 order by seq`,
      [counter.id],
    );
    expect(audit.rows).toEqual([
      { action: 'created', changes: { value: { before: null, after: 0 } } },
      { action: 'incremented', changes: { value: { before: 0, after: 1 } } },
    ]);
    const outbox = await db.query(
      `select type, aggregate_version, payload, status from "${world.schema}".outbox_event where key = $1 order by seq`,
      [counter.id],
    );
    expect(outbox.rows).toEqual([
      {
        type: world.events.incremented.type,
        aggregate_version: '1',
        payload: { counterId: counter.id, value: 0 },
        status: 'pending',
      },
      {
        type: world.events.incremented.type,
        aggregate_version: '2',
        payload: { counterId: counter.id, value: 1 },
        status: 'pending',
      },
    ]);
  });

  it('leaves neither state, audit row nor event when the outbox write fails after the state write', async () => {
    const counter = await world.create();
    const before = { outbox: await count('outbox_event'), audit: await count('audit_record') };
    // A real failure inside the database, after the entity was flushed and the audit row inserted.
    await db.query(`create function "${world.schema}".fail_outbox() returns trigger language plpgsql as $$
      begin if new.payload->>'value' = '1' then raise exception 'injected outbox failure'; end if; return new; end $$`);
    await db.query(`create trigger fail_outbox before insert on "${world.schema}".outbox_event
      for each row execute function "${world.schema}".fail_outbox()`);
    try {
      await expect(world.increment(counter.id)).rejects.toThrow(/injected outbox failure/);
    } finally {
      await db.query(`drop trigger fail_outbox on "${world.schema}".outbox_event`);
    }
    const reader = world.uow.reader();
    expect((await reader.findOneOrFail(Counter, { id: counter.id })).value).toBe(0);
    expect(await count('outbox_event')).toBe(before.outbox);
    expect(await count('audit_record')).toBe(before.audit);
  });

  it('leaves nothing when the use case fails after changing the entity', async () => {
    const counter = await world.create();
    const before = { outbox: await count('outbox_event'), audit: await count('audit_record') };
    await expect(
      world.uow.run(async (tx) => {
        const c = await tx.em.findOneOrFail(Counter, { id: counter.id });
        c.value = 99;
        await tx.em.flush();
        tx.audit({
          objectType: 'counter',
          objectId: c.id,
          action: 'set',
          changes: { value: { before: 0, after: 99 } },
        });
        throw new Error('business rule violated after the write');
      }),
    ).rejects.toThrow('business rule violated');
    expect((await world.uow.reader().findOneOrFail(Counter, { id: counter.id })).value).toBe(0);
    expect(await count('outbox_event')).toBe(before.outbox);
    expect(await count('audit_record')).toBe(before.audit);
  });

  it('refuses to update, delete or truncate audit records, and detects tampering by hash chain', async () => {
    const counter = await world.create();
    await world.increment(counter.id);
    await expect(db.query(`update "${world.schema}".audit_record set actor = 'mallory'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query(`delete from "${world.schema}".audit_record`)).rejects.toThrow(/append-only/);
    await expect(db.query(`truncate "${world.schema}".audit_record`)).rejects.toThrow(/append-only/);
    const sql = { query: async (text: string, params?: unknown[]) => (await db.query(text, params)).rows };
    await expect(world.uow.auditTrail.verify(sql, 'counter', counter.id)).resolves.toEqual({ valid: true });
    // Only a superuser bypassing the trigger can edit a record; the chain still shows it.
    await db.query(`alter table "${world.schema}".audit_record disable trigger audit_record_no_update`);
    await db.query(
      `update "${world.schema}".audit_record set changes = '{"value":{"before":0,"after":5}}' where object_id = $1 and action = 'incremented'`,
      [counter.id],
    );
    await db.query(`alter table "${world.schema}".audit_record enable trigger audit_record_no_update`);
    const result = await world.uow.auditTrail.verify(sql, 'counter', counter.id);
    expect(result.valid).toBe(false);
  });

  describe('the SQL lane (runSql)', () => {
    const incrementInSql = (id: string, failAfterWrite = false) =>
      world.uow.runSql(async (tx) => {
        const [row] = await tx.sql.query<{ value: number; version: number }>(
          `update "${world.schema}".counter set value = value + 1, version = version + 1
            where id = $1 returning value, version`,
          [id],
        );
        tx.audit({
          objectType: 'counter',
          objectId: id,
          action: 'incremented',
          changes: { value: { before: row.value - 1, after: row.value } },
        });
        tx.emit({
          definition: world.events.incremented,
          subject: id,
          aggregateVersion: row.version,
          data: { counterId: id, value: row.value },
        });
        if (failAfterWrite) throw new Error('rule broken after the write');
        return row.value;
      });

    it('commits the row, one audit record and one event together', async () => {
      const counter = await world.create();
      const before = { outbox: await count('outbox_event'), audit: await count('audit_record') };
      await expect(incrementInSql(counter.id)).resolves.toBe(1);
      expect(await count('outbox_event')).toBe(before.outbox + 1);
      expect(await count('audit_record')).toBe(before.audit + 1);
    });

    it('rolls everything back when the use case fails after its write', async () => {
      const counter = await world.create();
      const before = { outbox: await count('outbox_event'), audit: await count('audit_record') };
      await expect(incrementInSql(counter.id, true)).rejects.toThrow('rule broken after the write');
      expect((await world.uow.reader().findOneOrFail(Counter, { id: counter.id })).value).toBe(0);
      expect(await count('outbox_event')).toBe(before.outbox);
      expect(await count('audit_record')).toBe(before.audit);
    });

    it('chains records hashed in SQL onto records hashed in batches, and verify accepts the whole chain', async () => {
      const counter = await world.create();
      await world.uow.run(async (tx) => {
        for (const after of [10, 11]) {
          tx.audit({
            objectType: 'counter',
            objectId: counter.id,
            action: 'set',
            changes: { value: { before: after - 1, after } },
          });
        }
      });
      await incrementInSql(counter.id);
      await incrementInSql(counter.id);
      const sql = { query: async (text: string, params?: unknown[]) => (await db.query(text, params)).rows };
      const records = await world.uow.auditTrail.history(sql, 'counter', counter.id);
      expect(records.map((r) => r.action)).toEqual(['created', 'set', 'set', 'incremented', 'incremented']);
      records.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(records[i].hash));
      await expect(world.uow.auditTrail.verify(sql, 'counter', counter.id)).resolves.toEqual({ valid: true });
    });
  });

  describe('the guarded single statement (runGuarded)', () => {
    /** Sets the counter to `value` if it is still at `readVersion`, with one record and `events` events. */
    const setIfAt = (id: string, readVersion: number, value: number, events = 1) =>
      world.uow.runGuarded((tx) => {
        tx.audit({
          objectType: 'counter',
          objectId: id,
          action: 'set',
          changes: { value: { before: null, after: value } },
        });
        for (let i = 0; i < events; i++) {
          tx.emit({
            definition: world.events.incremented,
            subject: id,
            aggregateVersion: readVersion + 1,
            data: { counterId: id, value: value + i },
          });
        }
        return {
          sql: `update "${world.schema}".counter set value = $2, version = version + 1
                 where id = $1 and version = $3 returning id`,
          params: [id, value, readVersion],
        };
      });
    const eventsOf = async (id: string) =>
      (
        await db.query(
          `select aggregate_version, payload from "${world.schema}".outbox_event
            where key = $1 and aggregate_version > 1 order by seq`, // after the creation
          [id],
        )
      ).rows;

    it('writes the row, its record and its events in one statement when the guard matches', async () => {
      const counter = await world.create();
      await expect(setIfAt(counter.id, 1, 7, 2)).resolves.toBe(true);
      expect((await world.uow.reader().findOneOrFail(Counter, { id: counter.id })).value).toBe(7);
      expect(await eventsOf(counter.id)).toEqual([
        { aggregate_version: '2', payload: { counterId: counter.id, value: 7 } },
        { aggregate_version: '2', payload: { counterId: counter.id, value: 8 } },
      ]);
      const sql = { query: async (text: string, params?: unknown[]) => (await db.query(text, params)).rows };
      const records = await world.uow.auditTrail.history(sql, 'counter', counter.id);
      expect(records.map((r) => r.action)).toEqual(['created', 'set']);
      expect(records[1].prev_hash).toBe(records[0].hash);
      await expect(world.uow.auditTrail.verify(sql, 'counter', counter.id)).resolves.toEqual({ valid: true });
    });

    it('writes nothing at all when the guard finds the row changed since it was read', async () => {
      const counter = await world.create();
      await world.increment(counter.id);
      const before = { outbox: await count('outbox_event'), audit: await count('audit_record') };
      await expect(setIfAt(counter.id, 1, 99)).resolves.toBe(false);
      expect((await world.uow.reader().findOneOrFail(Counter, { id: counter.id })).value).toBe(1);
      expect(await count('outbox_event')).toBe(before.outbox);
      expect(await count('audit_record')).toBe(before.audit);
    });

    it('lets exactly one of concurrent writers at the same read version through, and keeps the chain whole', async () => {
      const counter = await world.create();
      const outcomes = await Promise.all(
        [10, 11, 12, 13, 14, 15].map((value) => setIfAt(counter.id, 1, value)),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const winner = 10 + outcomes.indexOf(true);
      expect((await world.uow.reader().findOneOrFail(Counter, { id: counter.id })).value).toBe(winner);
      expect(await eventsOf(counter.id)).toEqual([
        { aggregate_version: '2', payload: { counterId: counter.id, value: winner } },
      ]);
      await expect(setIfAt(counter.id, 2, 20)).resolves.toBe(true);
      const sql = { query: async (text: string, params?: unknown[]) => (await db.query(text, params)).rows };
      await expect(world.uow.auditTrail.verify(sql, 'counter', counter.id)).resolves.toEqual({ valid: true });
      expect((await world.uow.auditTrail.history(sql, 'counter', counter.id)).length).toBe(3);
    });

    it('refuses a change that records no audit record or more than one, before writing anything', async () => {
      const counter = await world.create();
      const guard = {
        sql: `update "${world.schema}".counter set value = 5 where id = $1 returning id`,
        params: [counter.id],
      };
      await expect(world.uow.runGuarded(() => guard)).rejects.toThrow('exactly one audit record');
      await expect(
        world.uow.runGuarded((tx) => {
          for (const after of [1, 2])
            tx.audit({
              objectType: 'counter',
              objectId: counter.id,
              action: 'set',
              changes: { value: { before: null, after } },
            });
          return guard;
        }),
      ).rejects.toThrow('exactly one audit record');
      expect((await world.uow.reader().findOneOrFail(Counter, { id: counter.id })).value).toBe(0);
    });
  });

  /**
   * Audit changes and outbox payloads are stored as `json`, the text as written
   * (docs/adr/0013-json-text-for-audit-and-outbox.md); records written while they were `jsonb` stay valid.
   */
  describe('json text for audit changes and outbox payloads', () => {
    const sql = { query: async (text: string, params?: unknown[]) => (await db.query(text, params)).rows };
    const setColumnType = async (type: 'json' | 'jsonb') => {
      await db.query(`alter table "${world.schema}".audit_record alter column changes type ${type}`);
      await db.query(`alter table "${world.schema}".outbox_event alter column payload type ${type}`);
    };

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
});
