import { waitFor } from '@steerco/platform-testing';
import type { Pool } from 'pg';
import type { EventConsumer, ConsumerTransaction, KafkaBus, OutboxRelay } from '@steerco/platform-messaging';
import { createCounterWorld, type CounterWorld } from './counter.fixture';
import {
  countRows,
  dbPool,
  effectConsumer,
  effectsByCounter,
  kafkaBus,
  privateBroker,
  startRelay,
} from './relay.fixture';

// This suite owns its broker (another port), so stopping it disturbs no other suite.
const PORT = 29092;

describe('outbox relay across a broker outage', () => {
  let world: CounterWorld;
  let pool: Pool;
  let bus: KafkaBus;
  let relay: OutboxRelay;
  let consumer: EventConsumer<ConsumerTransaction>;

  beforeAll(async () => {
    await privateBroker('start', PORT);
    world = await createCounterWorld();
    pool = dbPool(world);
    bus = kafkaBus([`127.0.0.1:${PORT}`]);
    consumer = effectConsumer(world, bus);
    await consumer.start();
    relay = startRelay(world, bus, pool);
    await relay.start();
  }, 240_000);

  afterAll(async () => {
    await relay?.stop();
    await consumer?.stop();
    await bus?.close();
    await pool?.end();
    await world?.close();
    await privateBroker('stop', PORT);
  }, 120_000);

  it('delivers all 200 changes made while the broker was down, each with one effect, in per-aggregate order', async () => {
    const counters = await Promise.all(Array.from({ length: 10 }, () => world.create()));
    await waitFor(
      async () => (await countRows(pool, `select count(*) n from "${world.schema}".counter_effect`)) === 10,
      'creations consumed',
      60_000,
    );

    await privateBroker('stop', PORT);
    for (let round = 0; round < 20; round++) {
      await Promise.all(counters.map((c) => world.increment(c.id)));
    }
    // Nothing can have been published while the broker was down.
    expect(
      await countRows(pool, `select count(*) n from "${world.schema}".outbox_event where status = 'pending'`),
    ).toBe(200);

    await privateBroker('start', PORT);
    await waitFor(
      async () => (await countRows(pool, `select count(*) n from "${world.schema}".counter_effect`)) === 210,
      'all 210 effects applied',
      150_000,
      250,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await countRows(pool, `select count(*) n from "${world.schema}".counter_effect`)).toBe(210);
    const effects = await effectsByCounter(pool, world.schema);
    for (const counter of counters) {
      expect(effects.get(counter.id)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    }
    expect(
      await countRows(pool, `select count(*) n from "${world.schema}".outbox_event where status = 'pending'`),
    ).toBe(0);
  }, 300_000);
});
