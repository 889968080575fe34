import { InProcessBus, OutboxRelay, pgSqlClient } from '@steerco/platform-messaging';
import { testLogger } from '@steerco/platform-testing';
import type { Pool } from 'pg';
import { createCounterWorld, type CounterWorld } from './counter.fixture';
import { dbPool } from './relay.fixture';

/** Published events are kept for the retention, then deleted; pending ones are kept whatever their age. */
describe('outbox retention', () => {
  let world: CounterWorld;
  let pool: Pool;
  const table = () => `"${world.schema}".outbox_event`;

  beforeAll(async () => {
    world = await createCounterWorld();
    pool = dbPool(world);
  });
  afterAll(async () => {
    await pool.end();
    await world.close();
  });

  const relay = (retentionMs?: number) =>
    new OutboxRelay({
      schema: world.schema,
      sql: pgSqlClient(pool),
      bus: new InProcessBus(),
      logger: testLogger(),
      retentionMs,
    });

  /** Rows of `ids` as [status, published long ago?], by id. */
  const state = async (ids: string[]) => {
    const { rows } = await pool.query<{ id: string; status: string }>(
      `select id, status from ${table()} where id = any($1::uuid[])`,
      [ids],
    );
    return Object.fromEntries(rows.map((r) => [r.id, r.status]));
  };

  it('deletes published events older than the retention, and nothing pending or recent', async () => {
    const counter = await world.create();
    for (let i = 0; i < 5; i++) await world.increment(counter.id);
    const { rows } = await pool.query<{ id: string }>(
      `select id from ${table()} where key = $1 order by seq`,
      [counter.id],
    );
    const ids = rows.map((r) => r.id);
    const [oldPublished, alsoOld, recentPublished, oldPending, pending] = ids;
    // Two published two days ago, one published a minute ago, one pending for two days, the rest pending.
    await pool.query(
      `update ${table()} set status = 'published', published_at = now() - interval '2 days' where id = any($1::uuid[])`,
      [[oldPublished, alsoOld]],
    );
    await pool.query(
      `update ${table()} set status = 'published', published_at = now() - interval '1 minute' where id = $1`,
      [recentPublished],
    );
    await pool.query(`update ${table()} set occurred_at = now() - interval '2 days' where id = $1`, [
      oldPending,
    ]);

    expect(await relay(undefined).prune()).toBe(0);
    expect(Object.keys(await state(ids))).toHaveLength(ids.length);

    const deleted = await relay(24 * 3_600_000).prune();
    expect(deleted).toBe(2);
    expect(await state(ids)).toEqual({
      [recentPublished]: 'published',
      [oldPending]: 'pending',
      [pending]: 'pending',
      ...Object.fromEntries(ids.slice(5).map((id) => [id, 'pending'])),
    });
    expect(await relay(24 * 3_600_000).prune()).toBe(0);
  });
});
