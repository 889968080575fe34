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
    // 11 parameters per row: chunks stay well under PostgreSQL's 65,535 bind parameters.
    for (let start = 0; start < events.length; start += 1000) {
      ids.push(...(await this.appendChunk(sql, events.slice(start, start + 1000))));
    }
    return ids;
  }

  private async appendChunk(sql: SqlClient, events: PendingEvent[]): Promise<string[]> {
    const trace = currentTraceHeaders();
    const values: unknown[] = [];
    const tuples = events.map((event, index) => {
      const parsed = event.definition.schema.safeParse(event.data);
      if (!parsed.success) {
        throw new InvalidEventPayloadError(
          event.definition.type,
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        );
      }
      values.push(
        uuidv7(),
        event.definition.topic.name,
        event.subject,
        event.definition.type,
        eventSource(this.service),
        event.aggregateVersion,
        event.actor,
        event.correlationId,
        trace.traceparent ?? null,
        trace.tracestate ?? null,
        JSON.stringify(parsed.data),
      );
      const base = index * 11;
      const p = (n: number) => `$${base + n}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(3)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}::jsonb)`;
    });
    const rows = await sql.query<{ id: string }>(
      `insert into ${this.table}
         (id, topic, key, type, source, subject, aggregate_version, actor, correlation_id, traceparent, tracestate, payload)
       values ${tuples.join(', ')} returning id`,
      values,
    );
    return rows.map((r) => r.id);
  }
}
