import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { toBusMessage, type BusMessage } from '@steerco/contracts';
import {
  DLQ_HEADERS,
  EventConsumer,
  type ConsumerTransaction,
  type KafkaBus,
  type Subscription,
} from '@steerco/platform-messaging';
import { testKafkaBrokers, testLogger, uniqueName, waitFor } from '@steerco/platform-testing';
import { createCounterWorld, type CounterWorld } from './counter.fixture';
import { countRows, dbPool, kafkaBus } from './relay.fixture';

describe('idempotent consumer with dead-letter queue (real broker)', () => {
  let world: CounterWorld;
  let pool: Pool;
  let bus: KafkaBus;
  let consumer: EventConsumer<ConsumerTransaction>;
  let dlqTap: Subscription;
  const deadLetters: BusMessage[] = [];
  const attemptsOf = new Map<string, number>();

  const event = (subject: string, value: number, id = uuidv7()) =>
    toBusMessage(world.events.topic.name, {
      specversion: '1.0',
      id,
      source: '/steerco/hierarchy',
      type: world.events.incremented.type,
      time: new Date().toISOString(),
      subject,
      datacontenttype: 'application/json',
      actor: 'user-1',
      correlationid: randomUUID(),
      aggregateversion: 1,
      data: { counterId: subject, value },
    });
  const effects = (subject: string) =>
    countRows(
      pool,
      `select count(*) n from "${world.schema}".counter_effect where counter_id = '${subject}'`,
    );

  beforeAll(async () => {
    world = await createCounterWorld();
    pool = dbPool(world);
    bus = kafkaBus(testKafkaBrokers());
    consumer = new EventConsumer<ConsumerTransaction>({
      bus,
      groupId: uniqueName('consumer-test'),
      schema: world.schema,
      logger: testLogger(),
      maxAttempts: 3,
      retryDelayMs: 10,
      runTransaction: (work) => world.uow.run((scope) => work({ sql: scope.sql })),
      handlers: [
        {
          definition: world.events.incremented,
          handle: async (e, tx) => {
            attemptsOf.set(e.id, (attemptsOf.get(e.id) ?? 0) + 1);
            await tx.sql.query(
              `insert into "${world.schema}".counter_effect (event_id, counter_id, version) values ($1, $2, $3)`,
              [e.id, e.subject, (e.data as { value: number }).value],
            );
            // A poison value fails after its effect was written: the rollback must take the effect with it.
            if ((e.data as { value: number }).value < 0)
              throw new Error('handler cannot process a negative value');
          },
        },
      ],
    });
    await bus.ensureTopics([world.events.topic.name]);
    dlqTap = await bus.subscribe(
      uniqueName('dlq-tap'),
      [`${world.events.topic.name}.dlq`],
      async (m) => void deadLetters.push(m),
    );
    await consumer.start();
  }, 60_000);

  afterAll(async () => {
    await consumer.stop();
    await dlqTap.close();
    await bus.close();
    await pool.end();
    await world.close();
  });

  it('gives a redelivered event exactly one effect', async () => {
    const subject = randomUUID();
    const message = event(subject, 1);
    await bus.publish([message]);
    await bus.publish([message]);
    const marker = event(subject, 2);
    await bus.publish([marker]);
    await waitFor(async () => (await effects(subject)) === 2, 'first copy and marker handled');
    await expect(consumer.consume(message)).resolves.toBe('duplicate');
    expect(await effects(subject)).toBe(2);
  });

  it('dead-letters a malformed event with its reason and still processes the next one of its partition', async () => {
    const subject = randomUUID();
    const malformed = event(subject, 1);
    delete malformed.headers['ce_type'];
    const next = event(subject, 2);
    await bus.publish([malformed, next]);
    await waitFor(async () => (await effects(subject)) === 1, 'next event processed');
    await waitFor(() => deadLetters.some((m) => m.key === subject), 'malformed event dead-lettered');
    const dead = deadLetters.find((m) => m.key === subject) as BusMessage;
    expect(dead.headers[DLQ_HEADERS.reason]).toBe('invalid_envelope');
    expect(dead.headers[DLQ_HEADERS.error]).toContain('type');
    expect(dead.headers[DLQ_HEADERS.originalTopic]).toBe(world.events.topic.name);
    expect(dead.value).toBe(malformed.value);
  });

  it('dead-letters a payload that breaks its contract', async () => {
    const subject = randomUUID();
    const bad = event(subject, 1);
    bad.value = JSON.stringify({ counterId: subject, value: 'one' });
    await bus.publish([bad, event(subject, 2)]);
    await waitFor(async () => (await effects(subject)) === 1, 'next event processed');
    await waitFor(() => deadLetters.some((m) => m.key === subject), 'bad payload dead-lettered');
    expect(deadLetters.find((m) => m.key === subject)?.headers[DLQ_HEADERS.reason]).toBe('invalid_payload');
  });

  it('retries a failing handler, then dead-letters it without blocking the partition and without a partial effect', async () => {
    const subject = randomUUID();
    const poison = event(subject, -1);
    await bus.publish([poison, event(subject, 3)]);
    await waitFor(async () => (await effects(subject)) === 1, 'event after the poison processed');
    await waitFor(() => deadLetters.some((m) => m.key === subject), 'poison dead-lettered');
    const dead = deadLetters.find((m) => m.key === subject) as BusMessage;
    expect(dead.headers[DLQ_HEADERS.reason]).toBe('handler_failed');
    expect(dead.headers[DLQ_HEADERS.attempts]).toBe('3');
    expect(attemptsOf.get(poison.headers['ce_id'])).toBe(3);
    const { rows } = await pool.query(
      `select version from "${world.schema}".counter_effect where counter_id = $1`,
      [subject],
    );
    expect(rows).toEqual([{ version: 3 }]);
  });
});
