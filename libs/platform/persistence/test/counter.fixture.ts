import { randomUUID } from 'node:crypto';
import { EntitySchema, LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import { z } from 'zod';
import type { EventDefinition, TopicDefinition } from '@steerco/contracts';
import { dropSchema, testDatabaseUrl, uniqueName, uniqueSchema } from '@steerco/platform-testing';
import { OutboxSignal } from '@steerco/platform-messaging';
import { createServiceOrm, migrateServiceSchema } from '../src/orm/service-orm';
import { UnitOfWork } from '../src/unit-of-work/unit-of-work';

/**
 * A minimal aggregate for the platform's own tests: a counter whose increments are audited and published.
 * It exercises exactly the path a service's use case takes (ORM entity, audit, outbox) without a service.
 */
export class Counter {
  id: string = randomUUID();
  value = 0;
  version = 1;
}

export const CounterSchema = new EntitySchema<Counter>({
  class: Counter,
  tableName: 'counter',
  properties: {
    id: { type: 'uuid', primary: true },
    value: { type: 'integer' },
    version: { type: 'integer' },
  },
});

class CreateCounterTable extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema');
    this.addSql(
      `create table "${schema}".counter (id uuid primary key, value integer not null, version integer not null)`,
    );
    this.addSql(`create table "${schema}".counter_effect (
      event_id uuid primary key, counter_id uuid not null, version integer not null, applied_at timestamptz default clock_timestamp())`);
  }
}

export function counterEvents(topicName = uniqueName('test.platform.counter.v1')) {
  const topic: TopicDefinition = {
    name: topicName,
    service: 'hierarchy',
    aggregate: 'counter',
    major: 1,
    description: 'test counter',
  };
  const incremented: EventDefinition = {
    type: 'steerco.hierarchy.counter.incremented.v1',
    topic,
    verb: 'incremented',
    major: 1,
    description: 'test',
    schema: z.strictObject({ counterId: z.uuid(), value: z.number().int() }),
  };
  return { topic, incremented };
}

export interface CounterWorld {
  url: string;
  schema: string;
  orm: MikroORM;
  uow: UnitOfWork;
  /** Raised by `uow` after each commit with events: a relay of this world listens to it. */
  outboxSignal: OutboxSignal;
  events: ReturnType<typeof counterEvents>;
  create(): Promise<Counter>;
  increment(id: string): Promise<void>;
  close(): Promise<void>;
}

export async function createCounterWorld(): Promise<CounterWorld> {
  const url = await testDatabaseUrl();
  const schema = uniqueSchema('platform_test');
  const orm = await createServiceOrm({
    schema,
    databaseUrl: url,
    entities: [CounterSchema],
    migrations: [{ name: 'Migration20261126000000CounterTable', class: CreateCounterTable }],
    poolSize: 8,
  });
  await migrateServiceSchema(orm);
  const outboxSignal = new OutboxSignal();
  const uow = new UnitOfWork(orm, 'hierarchy', schema, { outboxSignal });
  const events = counterEvents();
  return {
    url,
    schema,
    orm,
    uow,
    outboxSignal,
    events,
    async create() {
      return uow.run(async (tx) => {
        const counter = new Counter();
        tx.em.persist(counter);
        tx.audit({
          objectType: 'counter',
          objectId: counter.id,
          action: 'created',
          changes: { value: { before: null, after: 0 } },
        });
        tx.emit({
          definition: events.incremented,
          subject: counter.id,
          aggregateVersion: 1,
          data: { counterId: counter.id, value: 0 },
        });
        return counter;
      });
    },
    async increment(id: string) {
      await uow.run(async (tx) => {
        const counter = await tx.em.findOneOrFail(Counter, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const before = counter.value;
        counter.value += 1;
        counter.version += 1;
        tx.audit({
          objectType: 'counter',
          objectId: id,
          action: 'incremented',
          changes: { value: { before, after: counter.value } },
        });
        tx.emit({
          definition: events.incremented,
          subject: id,
          aggregateVersion: counter.version,
          data: { counterId: id, value: counter.value },
        });
      });
    },
    async close() {
      await orm.close(true);
      await dropSchema(url, schema);
    },
  };
}
