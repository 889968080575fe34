import { InProcessBus, OutboxRelay, OutboxSignal, pgSqlClient } from '@steerco/platform-messaging';
import { testLogger, waitFor } from '@steerco/platform-testing';
import type { Pool } from 'pg';
import { createCounterWorld, type CounterWorld } from './counter.fixture';
import { dbPool } from './relay.fixture';

/**
 * How the relay learns of committed events: the unit of work raises its schema's signal after each commit
 * that wrote some (no NOTIFY in the writing transaction: docs/adr/0015-in-process-outbox-wake-up.md), and the
 * poll finds what no signal announced.
 */
describe('waking the outbox relay', () => {
  let world: CounterWorld;
  let pool: Pool;
  let bus: InProcessBus;
  const published: string[] = [];

  beforeAll(async () => {
    world = await createCounterWorld();
    pool = dbPool(world);
    bus = new InProcessBus();
    await bus.subscribe('wake-up-test', [world.events.topic.name], async (m) => {
      published.push(m.headers['ce_subject'] ?? '');
    });
  }, 60_000);

  afterAll(async () => {
    await bus.close();
    await pool.end();
    await world.close();
  });

  const relay = (options: { listener?: OutboxSignal; pollIntervalMs: number }) =>
    new OutboxRelay({ schema: world.schema, sql: pgSqlClient(pool), bus, logger: testLogger(), ...options });

  /** Waits until the relay has drained what was pending at its start and gone to sleep until its poll. */
  const started = async (r: OutboxRelay) => {
    await r.start();
    await waitFor(
      async () => (await r.oldestPendingAgeSeconds()) === 0,
      'the relay drained what was pending',
      10_000,
    );
  };

  it('publishes a committed change at once when the unit of work signals, long before its poll', async () => {
    const r = relay({ listener: world.outboxSignal, pollIntervalMs: 600_000 });
    await started(r);
    try {
      const committedAt = Date.now();
      const counter = await world.create();
      await waitFor(() => published.includes(counter.id), 'the signalled change was published', 10_000, 10);
      // Without the signal the relay would sleep for ten minutes.
      expect(Date.now() - committedAt).toBeLessThan(10_000);
    } finally {
      await r.stop();
    }
  });

  it('publishes what no signal announced (another process wrote it) at its next poll', async () => {
    const r = relay({ listener: new OutboxSignal(), pollIntervalMs: 300 });
    await started(r);
    try {
      const counter = await world.create();
      await waitFor(() => published.includes(counter.id), 'the unsignalled change was published', 10_000, 20);
    } finally {
      await r.stop();
    }
  });

  it('is raised once per commit that wrote events, and not for one that wrote none, failed or missed', async () => {
    let raised = 0;
    const stop = await world.outboxSignal.listen(() => raised++);
    try {
      const counter = await world.create();
      expect(raised).toBe(1);

      await world.uow.run(async (tx) => {
        tx.audit({ objectType: 'counter', objectId: counter.id, action: 'viewed', changes: {} });
      });
      expect(raised).toBe(1);

      const failing = world.uow.run(async (tx) => {
        tx.audit({ objectType: 'counter', objectId: counter.id, action: 'set', changes: {} });
        tx.emit({
          definition: world.events.incremented,
          subject: counter.id,
          aggregateVersion: 2,
          data: { counterId: counter.id, value: 1 },
        });
        throw new Error('the use case failed after emitting');
      });
      await expect(failing).rejects.toThrow('the use case failed after emitting');
      expect(raised).toBe(1);

      const setIfAt = (readVersion: number) =>
        world.uow.runGuarded((tx) => {
          tx.audit({ objectType: 'counter', objectId: counter.id, action: 'set', changes: {} });
          tx.emit({
            definition: world.events.incremented,
            subject: counter.id,
            aggregateVersion: readVersion + 1,
            data: { counterId: counter.id, value: 7 },
          });
          return {
            sql: `update "${world.schema}".counter set value = 7, version = version + 1
                   where id = $1 and version = $2 returning id`,
            params: [counter.id, readVersion],
          };
        });
      await expect(setIfAt(5)).resolves.toBe(false);
      expect(raised).toBe(1);
      await expect(setIfAt(1)).resolves.toBe(true);
      expect(raised).toBe(2);
    } finally {
      await stop();
    }
  });

  it('stops calling a listener once it stopped listening, and only that one', async () => {
    const signal = new OutboxSignal();
    const calls: string[] = [];
    const onRaise = () => calls.push('raised');
    const stopFirst = await signal.listen(onRaise);
    const stopSecond = await signal.listen(onRaise);
    signal.raise();
    await stopFirst();
    signal.raise();
    await stopSecond();
    signal.raise();
    expect(calls).toEqual(['raised', 'raised', 'raised']);
  });

  it('leaves no NOTIFY trigger on the outbox table once migrated', async () => {
    const { rows } = await pool.query<{ n: string }>(
      `select count(*) n from pg_trigger where tgrelid = $1::regclass and not tgisinternal`,
      [`"${world.schema}".outbox_event`],
    );
    expect(Number(rows[0].n)).toBe(0);
  });
});
