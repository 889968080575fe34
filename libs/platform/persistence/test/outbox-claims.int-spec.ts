import { InProcessBus, OutboxClaims, OutboxRelay, pgSqlClient } from '@steerco/platform-messaging';
import { testLogger } from '@steerco/platform-testing';
import type { Pool } from 'pg';
import { createCounterWorld, type CounterWorld } from './counter.fixture';
import { dbPool } from './relay.fixture';

describe('outbox claims and retention', () => {
  let world: CounterWorld;
  let pool: Pool;

  beforeAll(async () => {
    world = await createCounterWorld();
    pool = dbPool(world);
  });
  afterAll(async () => {
    await pool.end();
    await world.close();
  });

  it('never gives one row to two relays, and holds back a key while another relay has its earlier rows', async () => {
    const a = await world.create();
    for (let i = 0; i < 9; i++) await world.increment(a.id);
    const b = await world.create();
    const first = new OutboxClaims(pgSqlClient(pool), world.schema, 'relay-1');
    const second = new OutboxClaims(pgSqlClient(pool), world.schema, 'relay-2');

    const claimedByFirst = await first.claim(5, 60_000);
    expect(claimedByFirst.map((r) => Number(r.aggregate_version))).toEqual([1, 2, 3, 4, 5]);
    // a's rows 6..10 wait for relay-1; b's row is free.
    const claimedBySecond = await second.claim(100, 60_000);
    expect(claimedBySecond.map((r) => r.key)).toEqual([b.id]);

    await first.markPublished(claimedByFirst.map((r) => r.id));
    const rest = await second.claim(100, 60_000);
    expect(rest.map((r) => Number(r.aggregate_version))).toEqual([6, 7, 8, 9, 10]);
  });

  it('returns released rows to the pool with the error, still pending, and lets an expired lease be taken over', async () => {
    const c = await world.create();
    const first = new OutboxClaims(pgSqlClient(pool), world.schema, 'relay-a');
    const second = new OutboxClaims(pgSqlClient(pool), world.schema, 'relay-b');
    const [row] = (await first.claim(100, 60_000)).filter((r) => r.key === c.id);
    await first.release([row.id], 'broker unavailable');
    const { rows } = await pool.query(
      `select status, last_error from "${world.schema}".outbox_event where id = $1`,
      [row.id],
    );
    expect(rows[0]).toEqual({ status: 'pending', last_error: 'broker unavailable' });

    const [again] = (await first.claim(100, 1)).filter((r) => r.key === c.id);
    await new Promise((r) => setTimeout(r, 20));
    const takenOver = (await second.claim(100, 60_000)).filter((r) => r.key === c.id);
    expect(takenOver.map((r) => r.id)).toEqual([again.id]);
  });

  /** Published events are kept for the retention, then deleted; pending ones are kept whatever their age. */
  describe('retention', () => {
    const table = () => `"${world.schema}".outbox_event`;

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
});
