import { OutboxClaims, pgSqlClient } from '@steerco/platform-messaging';
import type { Pool } from 'pg';
import { createCounterWorld, type CounterWorld } from './counter.fixture';
import { dbPool } from './relay.fixture';

describe('outbox claims', () => {
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
});
