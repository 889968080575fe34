import type { z } from 'zod';

export const SERVICE_NAMES = [
  'identity',
  'hierarchy',
  'workflow',
  'financials',
  'documents',
  'reporting',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface TopicDefinition {
  /** `steerco.<service>.<aggregate>.v<major>`: one topic per aggregate type. */
  name: string;
  service: ServiceName;
  aggregate: string;
  major: number;
  description: string;
}

export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  /** `steerco.<service>.<aggregate>.<verb>.v<major>` */
  type: string;
  topic: TopicDefinition;
  verb: string;
  major: number;
  description: string;
  schema: TSchema;
}

export function defineTopic(spec: Omit<TopicDefinition, 'name'>): TopicDefinition {
  return { ...spec, name: `steerco.${spec.service}.${spec.aggregate}.v${spec.major}` };
}

export function defineEvent<TSchema extends z.ZodType>(spec: {
  topic: TopicDefinition;
  verb: string;
  major: number;
  description: string;
  schema: TSchema;
}): EventDefinition<TSchema> {
  const { topic, verb, major } = spec;
  return { ...spec, type: `steerco.${topic.service}.${topic.aggregate}.${verb}.v${major}` };
}

/** The `source` attribute of every event a service emits. */
export function eventSource(service: ServiceName): string {
  return `/steerco/${service}`;
}

/** Dead-letter topic of a topic: poison messages land there with the reason in their headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
