import { testKafkaBrokers, uniqueName, waitFor } from '@steerco/platform-testing';
import type { Pool } from 'pg';
import type {
  ConsumerTransaction,
  EventConsumer,
  KafkaBus,
  OutboxRelay,
  Subscription,
} from '@steerco/platform-messaging';
import { createCounterWorld, type CounterWorld } from './counter.fixture';
import { countRows, dbPool, effectConsumer, effectsByCounter, kafkaBus, startRelay } from './relay.fixture';

describe('two outbox relay replicas at once', () => {
  let world: CounterWorld;
  let pool: Pool;
  let bus: KafkaBus;
  let relays: OutboxRelay[];
  let consumer: EventConsumer<ConsumerTransaction>;
  let tap: Subscription;
  const received: string[] = [];

  beforeAll(async () => {
    world = await createCounterWorld();
    pool = dbPool(world);
    bus = kafkaBus(testKafkaBrokers());
    consumer = effectConsumer(world, bus);
    await consumer.start();
    // An independent subscriber sees every message that reached the topic: duplicates would show here.
    tap = await bus.subscribe(
      uniqueName('tap'),
      [world.events.topic.name],
      async (m) => void received.push(m.headers['ce_id']),
    );
    relays = [startRelay(world, bus, pool), startRelay(world, bus, pool)];
    await Promise.all(relays.map((r) => r.start()));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.stop()));
    await tap.close();
    await consumer.stop();
    await bus.close();
    await pool.end();
    await world.close();
  }, 60_000);

  it('publishes 200 changes once each, with 200 effects in per-aggregate order', async () => {
    const counters = await Promise.all(Array.from({ length: 20 }, () => world.create()));
    for (let round = 0; round < 9; round++) await Promise.all(counters.map((c) => world.increment(c.id)));

    await waitFor(
      async () => (await countRows(pool, `select count(*) n from "${world.schema}".counter_effect`)) === 200,
      'all 200 effects applied',
      90_000,
      200,
    );
    await waitFor(
      () => received.length >= 200,
      () => `tap saw ${received.length}`,
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(received).toHaveLength(200);
    expect(new Set(received).size).toBe(200);
    const effects = await effectsByCounter(pool, world.schema);
    for (const counter of counters) expect(effects.get(counter.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const byRelay = await pool.query(
      `select count(*) n from "${world.schema}".outbox_event where status <> 'published'`,
    );
    expect(Number(byRelay.rows[0].n)).toBe(0);
  }, 150_000);
});
