import type { CloudEvent } from './cloud-event';
import { cloudEventAttributesSchema } from './cloud-event';

/** A transport-neutral message: what the Kafka bus and the in-process bus both carry. */
export interface BusMessage {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: string;
}

/** Header names of the CloudEvents Kafka protocol binding (binary content mode). */
export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  actor: 'ce_actor',
  correlationid: 'ce_correlationid',
  aggregateversion: 'ce_aggregateversion',
} as const;

export const CONTENT_TYPE_HEADER = 'content-type';

export function toBusMessage(topic: string, event: CloudEvent): BusMessage {
  const headers: Record<string, string> = {
    [CE_HEADERS.specversion]: event.specversion,
    [CE_HEADERS.id]: event.id,
    [CE_HEADERS.source]: event.source,
    [CE_HEADERS.type]: event.type,
    [CE_HEADERS.time]: event.time,
    [CE_HEADERS.subject]: event.subject,
    [CE_HEADERS.actor]: event.actor,
    [CE_HEADERS.correlationid]: event.correlationid,
    [CE_HEADERS.aggregateversion]: String(event.aggregateversion),
    [CONTENT_TYPE_HEADER]: event.datacontenttype,
  };
  if (event.traceparent) headers['traceparent'] = event.traceparent;
  if (event.tracestate) headers['tracestate'] = event.tracestate;
  return { topic, key: event.subject, headers, value: JSON.stringify(event.data) };
}

export class InvalidCloudEventError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message);
    this.name = 'InvalidCloudEventError';
  }
}

/** Reads the envelope back; throws InvalidCloudEventError naming every bad attribute. */
export function fromBusMessage(message: BusMessage): CloudEvent<unknown> {
  const h = message.headers;
  const attributes = cloudEventAttributesSchema.safeParse({
    specversion: h[CE_HEADERS.specversion],
    id: h[CE_HEADERS.id],
    source: h[CE_HEADERS.source],
    type: h[CE_HEADERS.type],
    time: h[CE_HEADERS.time],
    subject: h[CE_HEADERS.subject],
    datacontenttype: h[CONTENT_TYPE_HEADER],
    actor: h[CE_HEADERS.actor],
    correlationid: h[CE_HEADERS.correlationid],
    aggregateversion: h[CE_HEADERS.aggregateversion],
    traceparent: h['traceparent'],
    tracestate: h['tracestate'],
  });
  if (!attributes.success) {
    const issues = attributes.error.issues.map((i) => `${i.path.join('.') || '(envelope)'}: ${i.message}`);
    throw new InvalidCloudEventError(`invalid CloudEvents envelope: ${issues.join('; ')}`, issues);
  }
  let data: unknown;
  try {
    data = JSON.parse(message.value);
  } catch {
    throw new InvalidCloudEventError('message value is not JSON', ['data: not JSON']);
  }
  return { ...attributes.data, data } as CloudEvent<unknown>;
}
