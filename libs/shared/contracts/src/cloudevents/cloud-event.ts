import { z } from 'zod';

/**
 * A Steerco event as a CloudEvents 1.0 message. On Kafka it travels in binary content mode: the attributes
 * become `ce_*` headers, `data` is the JSON message value and the aggregate id is the message key.
 */
export interface CloudEvent<TData = unknown> {
  specversion: '1.0';
  /** UUIDv7: unique and roughly time-ordered. */
  id: string;
  /** `/steerco/<service>` */
  source: string;
  /** `steerco.<service>.<aggregate>.<verb>.v<major>` */
  type: string;
  /** RFC 3339 UTC timestamp of the state change. */
  time: string;
  /** The aggregate id; also the Kafka message key, so one aggregate's events stay in order. */
  subject: string;
  datacontenttype: 'application/json';
  /** Extension: the user (or system principal) that caused the change. */
  actor: string;
  /** Extension: ties the event to the request or event that caused it. */
  correlationid: string;
  /** Extension: monotonic per aggregate, lets consumers detect gaps and stale events. */
  aggregateversion: number;
  /** W3C trace context of the change, restored by the relay so one trace spans producer and consumer. */
  traceparent?: string;
  tracestate?: string;
  data: TData;
}

const uuidV7 = z.uuid({ version: 'v7' });

/** Validates the envelope attributes of an incoming event; `data` is checked against the event's own schema. */
export const cloudEventAttributesSchema = z.object({
  specversion: z.literal('1.0'),
  id: uuidV7,
  source: z.string().regex(/^\/steerco\/[a-z][a-z-]*$/),
  type: z.string().regex(/^steerco\.[a-z][a-z-]*\.[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*\.v\d+$/),
  time: z.iso.datetime({ offset: true }),
  subject: z.string().min(1),
  datacontenttype: z.literal('application/json'),
  actor: z.string().min(1),
  correlationid: z.string().min(1),
  aggregateversion: z.coerce.number().int().nonnegative(),
  traceparent: z
    .string()
    .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
    .optional(),
  tracestate: z.string().optional(),
});
