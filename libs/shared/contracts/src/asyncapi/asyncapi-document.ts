import { z } from 'zod';
import { stringify } from 'yaml';
import { CE_HEADERS } from '../cloudevents/kafka-binding';
import type { EventDefinition, TopicDefinition } from '../registry/define';
import { EVENTS, TOPICS } from '../registry/registry';

const headerSchema = {
  type: 'object',
  required: [...Object.values(CE_HEADERS), 'content-type'],
  properties: {
    [CE_HEADERS.specversion]: { type: 'string', const: '1.0' },
    [CE_HEADERS.id]: { type: 'string', format: 'uuid', description: 'UUIDv7, unique per event' },
    [CE_HEADERS.source]: { type: 'string', description: '/steerco/<service>' },
    [CE_HEADERS.type]: { type: 'string', description: 'steerco.<service>.<aggregate>.<verb>.v<major>' },
    [CE_HEADERS.time]: { type: 'string', format: 'date-time' },
    [CE_HEADERS.subject]: { type: 'string', description: 'Aggregate id (also the message key)' },
    [CE_HEADERS.actor]: { type: 'string', description: 'User id of who caused the change' },
    [CE_HEADERS.correlationid]: { type: 'string' },
    [CE_HEADERS.aggregateversion]: {
      type: 'string',
      pattern: '^[0-9]+$',
      description: 'Monotonic per aggregate',
    },
    'content-type': { type: 'string', const: 'application/json' },
    traceparent: { type: 'string', description: 'W3C trace context' },
    tracestate: { type: 'string' },
  },
};

function camel(parts: string[]): string {
  return parts.map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join('');
}

function channelId(topic: TopicDefinition): string {
  return camel([topic.service, topic.aggregate, `v${topic.major}`]);
}

function payloadSchema(event: EventDefinition): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(event.schema, { target: 'draft-7', io: 'output' });
  return schema;
}

/** Builds the AsyncAPI 3 description of every topic and event in the registry. */
export function buildAsyncApiDocument(version: string): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const topic of TOPICS) {
    const id = channelId(topic);
    const topicEvents = EVENTS.filter((e) => e.topic.name === topic.name);
    const refs = Object.fromEntries(
      topicEvents.map((e) => [e.type, { $ref: `#/components/messages/${e.type}` }]),
    );
    channels[id] = { address: topic.name, description: topic.description, messages: refs };
    operations[`receive${id[0].toUpperCase()}${id.slice(1)}`] = {
      action: 'receive',
      summary: `Subscribe to ${topic.name}`,
      channel: { $ref: `#/channels/${id}` },
      messages: topicEvents.map((e) => ({ $ref: `#/channels/${id}/messages/${e.type}` })),
    };
    for (const event of topicEvents) {
      messages[event.type] = {
        name: event.type,
        title: event.type,
        summary: event.description,
        contentType: 'application/json',
        headers: headerSchema,
        payload: payloadSchema(event),
        bindings: { kafka: { key: { type: 'string', format: 'uuid' }, bindingVersion: '0.5.0' } },
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Steerco events',
      version,
      description:
        'Every business event of Steerco, as CloudEvents 1.0 in Kafka binary content mode (attributes in ce_* headers, JSON data as the value, the aggregate id as the key). Generated from libs/shared/contracts; do not edit by hand.',
    },
    defaultContentType: 'application/json',
    servers: { kafka: { host: 'localhost:9092', protocol: 'kafka', description: 'Your Kafka cluster' } },
    channels,
    operations,
    components: { messages },
  };
}

export function renderAsyncApiYaml(version: string): string {
  return stringify(buildAsyncApiDocument(version), { aliasDuplicateObjects: false, lineWidth: 0 });
}
