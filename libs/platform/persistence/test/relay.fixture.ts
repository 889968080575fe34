import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import type { CloudEvent } from '@steerco/contracts';
import {
  EventConsumer,
  KafkaBus,
  OutboxRelay,
  pgSqlClient,
  type ConsumerTransaction,
  type MessageBus,
} from '@steerco/platform-messaging';
import { testLogger, uniqueName, WORKSPACE_ROOT } from '@steerco/platform-testing';
import type { CounterWorld } from './counter.fixture';

const run = promisify(execFile);

/** Starts (or stops) a broker of the project's own tooling on a private port: tests may kill it at will. */
export async function privateBroker(action: 'start' | 'stop', port: number): Promise<void> {
  await run('bash', [join(WORKSPACE_ROOT, 'tools/kafka/kafka.sh'), action], {
    env: { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1) },
    timeout: 180_000,
  });
}

export function kafkaBus(brokers: string[]): KafkaBus {
  return new KafkaBus({ brokers, clientId: uniqueName('relay-test'), logger: testLogger(), partitions: 3 });
}

export function startRelay(world: CounterWorld, bus: MessageBus, pool: Pool): OutboxRelay {
  return new OutboxRelay({
    schema: world.schema,
    sql: pgSqlClient(pool),
    bus,
    logger: testLogger(),
    listener: world.outboxSignal,
    pollIntervalMs: 500,
    batchSize: 50,
  });
}

/**
 * A consumer whose effect is a row per event (primary key: event id) in the same transaction as the consumed
 * record; a second effect for one event would fail the test through the primary key or the counts.
 */
export function effectConsumer(world: CounterWorld, bus: MessageBus, groupId = uniqueName('effects')) {
  return new EventConsumer<ConsumerTransaction>({
    bus,
    groupId,
    schema: world.schema,
    logger: testLogger(),
    retryDelayMs: 20,
    maxAttempts: 3,
    runTransaction: (work) => world.uow.run((scope) => work({ sql: scope.sql })),
    handlers: [
      {
        definition: world.events.incremented,
        handle: async (event: CloudEvent, tx) => {
          await tx.sql.query(
            `insert into "${world.schema}".counter_effect (event_id, counter_id, version) values ($1, $2, $3)`,
            [event.id, event.subject, event.aggregateversion],
          );
        },
      },
    ],
  });
}

export function dbPool(world: CounterWorld): Pool {
  return new Pool({ connectionString: world.url, max: 4 });
}

/** Effects per counter in the order they were applied. */
export async function effectsByCounter(pool: Pool, schema: string): Promise<Map<string, number[]>> {
  const { rows } = await pool.query<{ counter_id: string; version: number }>(
    `select counter_id, version from "${schema}".counter_effect order by applied_at, version`,
  );
  const result = new Map<string, number[]>();
  for (const row of rows) result.set(row.counter_id, [...(result.get(row.counter_id) ?? []), row.version]);
  return result;
}

export async function countRows(pool: Pool, sql: string): Promise<number> {
  return Number((await pool.query(sql)).rows[0].n);
}
