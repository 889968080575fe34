import type { CloudEvent } from '@steerco/contracts';

/** An outbox row as the relay reads it back. */
export interface OutboxRow {
  id: string;
  seq: string;
  topic: string;
  key: string;
  type: string;
  source: string;
  subject: string;
  aggregate_version: string;
  actor: string;
  correlation_id: string;
  traceparent: string | null;
  tracestate: string | null;
  occurred_at: Date;
  payload: unknown;
  attempts: number;
}

export function rowToCloudEvent(row: OutboxRow): CloudEvent {
  return {
    specversion: '1.0',
    id: row.id,
    source: row.source,
    type: row.type,
    time: row.occurred_at.toISOString(),
    subject: row.subject,
    datacontenttype: 'application/json',
    actor: row.actor,
    correlationid: row.correlation_id,
    aggregateversion: Number(row.aggregate_version),
    traceparent: row.traceparent ?? undefined,
    tracestate: row.tracestate ?? undefined,
    data: row.payload,
  };
}
