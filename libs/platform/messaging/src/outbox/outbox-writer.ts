import { v7 as uuidv7 } from 'uuid';
import type { EventDefinition } from '@steerco/contracts';
import { eventSource, type ServiceName } from '@steerco/contracts';
import { currentTraceHeaders } from '@steerco/platform-observability';
import { assertSchemaName, type SqlClient } from '../sql/sql-client';

export interface PendingEvent<TData = unknown> {
  definition: EventDefinition;
  /** Aggregate id: the CloudEvents subject and the Kafka key. */
  subject: string;
  aggregateVersion: number;
  data: TData;
  actor: string;
  correlationId: string;
}

export class InvalidEventPayloadError extends Error {
  constructor(type: string, issues: string[]) {
    super(`payload of ${type} does not match its contract: ${issues.join('; ')}`);
    this.name = 'InvalidEventPayloadError';
  }
}

/**
 * Appends events to a service's outbox. Call it with the SqlClient of the transaction that changes the state:
 * the rows then commit or roll back with that change, which is the whole point of the outbox.
 */
export class OutboxWriter {
  private readonly table: string;

  constructor(
    private readonly service: ServiceName,
    schema: string,
  ) {
    this.table = `"${assertSchemaName(schema)}".outbox_event`;
  }

  async append(sql: SqlClient, events: PendingEvent[]): Promise<string[]> {
    const ids: string[] = [];
    if (sql.copyRows && events.length > 1) {
      const rows = this.rowsOf(events);
      await sql.copyRows(
        this.table,
        OUTBOX_COLUMNS,
        (function* () {
          for (const row of rows) {
            ids.push(row[0] as string);
            yield row;
          }
        })(),
      );
      return ids;
    }
    // 12 values per row: chunks stay well under PostgreSQL's 65,535 bind parameters.
    for (let start = 0; start < events.length; start += 1000) {
      const statement = this.insertStatement(events.slice(start, start + 1000));
      const rows = await sql.query<{ id: string }>(`${statement.sql} returning id`, statement.params);
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  }

  /**
   * The INSERT of `events` with its placeholders numbered from `firstParam`, for a caller that sends it as
   * part of a larger statement (the unit of work puts a command's audit record and event in one round trip).
   * With `onlyIf` (an SQL condition), the rows are inserted only where it holds. At most 1,000 events:
   * `append` chunks for callers with more.
   */
  insertStatement(
    events: PendingEvent[],
    firstParam = 1,
    onlyIf?: string,
  ): { sql: string; params: unknown[] } {
    const params = [...this.rowsOf(events)].flat();
    const width = OUTBOX_COLUMNS.length;
    const tuples = events.map((_, index) => {
      const base = firstParam - 1 + index * width;
      // Typed: rows of a VALUES list that is not an INSERT's own are not typed by the target columns.
      const placeholders = OUTBOX_COLUMNS.map((column, i) => `$${base + i + 1}${COLUMN_CASTS[column] ?? ''}`);
      return `(${placeholders.join(', ')})`;
    });
    const columns = OUTBOX_COLUMNS.join(', ');
    const values = `values ${tuples.join(', ')}`;
    return {
      sql: onlyIf
        ? `insert into ${this.table} (${columns}) select * from (${values}) as v (${columns}) where ${onlyIf}`
        : `insert into ${this.table} (${columns}) ${values}`,
      params,
    };
  }

  /**
   * One row of values per event, in OUTBOX_COLUMNS order, built lazily; payloads are checked against their
   * contract.
   */
  private *rowsOf(events: PendingEvent[]): Generator<unknown[]> {
    const trace = currentTraceHeaders();
    const source = eventSource(this.service);
    for (const event of events) {
      const parsed = event.definition.schema.safeParse(event.data);
      if (!parsed.success) {
        throw new InvalidEventPayloadError(
          event.definition.type,
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        );
      }
      yield [
        uuidv7(),
        event.definition.topic.name,
        event.subject,
        event.definition.type,
        source,
        event.subject,
        event.aggregateVersion,
        event.actor,
        event.correlationId,
        trace.traceparent ?? null,
        trace.tracestate ?? null,
        JSON.stringify(parsed.data),
      ];
    }
  }
}

const OUTBOX_COLUMNS = [
  'id',
  'topic',
  'key',
  'type',
  'source',
  'subject',
  'aggregate_version',
  'actor',
  'correlation_id',
  'traceparent',
  'tracestate',
  'payload',
] as const;

/** Casts of the columns that are not text, for placeholders outside an INSERT's own VALUES list. */
const COLUMN_CASTS: Partial<Record<(typeof OUTBOX_COLUMNS)[number], string>> = {
  id: '::uuid',
  aggregate_version: '::bigint',
  payload: '::json',
};
