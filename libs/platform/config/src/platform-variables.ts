import { z } from 'zod';
import { variable } from './define-config';
import {
  booleanSchema,
  commaListSchema,
  httpUrlSchema,
  portSchema,
  nonNegativeIntSchema,
  positiveIntSchema,
  postgresUrlSchema,
} from './schemas';

export const STEERCO_ENVIRONMENTS = ['development', 'test', 'production'] as const;

/** Variables every Steerco process reads. Service-specific ones are added beside them. */
export const platformVariables = {
  STEERCO_ENV: variable({
    schema: z.enum(STEERCO_ENVIRONMENTS),
    default: 'development',
    description: 'development, test or production. Production refuses development keys and pretty logs.',
  }),
  PORT: variable({ schema: portSchema, default: '3000', description: 'HTTP port.' }),
  LOG_LEVEL: variable({
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    description: 'Minimum log level.',
  }),
  LOG_PRETTY: variable({
    schema: booleanSchema.optional(),
    description: 'Human-readable logs instead of JSON; defaults to on in development only.',
  }),
  HTTP_BODY_LIMIT_BYTES: variable({
    schema: positiveIntSchema,
    default: '1048576',
    description: 'Largest accepted request body; larger ones get 413.',
  }),
  HTTP_UPLOAD_LIMIT_BYTES: variable({
    schema: positiveIntSchema,
    default: '52428800',
    description: 'Largest accepted file upload (CSV, XLSX imports); larger ones get 413.',
  }),
  SHUTDOWN_GRACE_MS: variable({
    schema: positiveIntSchema,
    default: '10000',
    description: 'How long a stopping process drains requests, consumers and the relay.',
  }),
  DATABASE_URL: variable({
    schema: postgresUrlSchema.optional(),
    sensitive: true,
    description:
      'PostgreSQL URL. Each service uses its own schema in it. Unset in single-process mode: an embedded PostgreSQL starts.',
  }),
  DATABASE_MIGRATE_ON_START: variable({
    schema: booleanSchema,
    default: 'true',
    description:
      'Apply pending migrations before serving. Off where a deployment job migrates (the Helm chart).',
  }),
  DATABASE_POOL_SIZE: variable({
    schema: positiveIntSchema,
    default: '10',
    description: 'Connections per service.',
  }),
  DATABASE_PREPARED_STATEMENTS: variable({
    schema: booleanSchema,
    default: 'true',
    description:
      'Keep the hottest statements prepared on each connection. Off behind a pooler in transaction mode without prepared-statement support.',
  }),
  KAFKA_BROKERS: variable({
    schema: commaListSchema.optional(),
    description:
      'Comma-separated host:port list. Unset in single-process mode: events use the in-process bus.',
  }),
  KAFKA_CLIENT_ID: variable({
    schema: z.string().min(1),
    default: 'steerco',
    description: 'Kafka client id prefix.',
  }),
  KAFKA_GROUP_PREFIX: variable({
    schema: z.string().regex(/^[A-Za-z0-9._-]+$/),
    default: 'steerco',
    description:
      'Prefix of the consumer group of every event consumer (`<prefix>.<service>.<purpose>`): installations sharing one Kafka cluster use different prefixes.',
  }),
  KAFKA_SSL: variable({ schema: booleanSchema, default: 'false', description: 'TLS to the brokers.' }),
  KAFKA_SASL_MECHANISM: variable({
    schema: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
    description: 'SASL mechanism, when the brokers require authentication.',
  }),
  KAFKA_SASL_USERNAME: variable({ schema: z.string().optional(), description: 'SASL user name.' }),
  KAFKA_SASL_PASSWORD: variable({
    schema: z.string().optional(),
    sensitive: true,
    description: 'SASL password.',
  }),
  KAFKA_TOPIC_PARTITIONS: variable({
    schema: positiveIntSchema,
    default: '6',
    description: 'Partitions of topics the platform creates.',
  }),
  KAFKA_REPLICATION_FACTOR: variable({
    schema: positiveIntSchema,
    default: '1',
    description: 'Replication factor of topics the platform creates (use 3 in production clusters).',
  }),
  OUTBOX_POLL_INTERVAL_MS: variable({
    schema: positiveIntSchema,
    default: '1000',
    description:
      'Polling of the outbox for events no commit of this process announced (another replica left them).',
  }),
  OUTBOX_RETENTION_HOURS: variable({
    schema: nonNegativeIntSchema,
    default: '168',
    description:
      'Published outbox events older than this are deleted (every 10 minutes); pending ones never. 0 keeps them for ever.',
  }),
  AUTH_JWKS_URL: variable({
    schema: httpUrlSchema.optional(),
    description: 'JWKS URL of the token issuer (the identity service).',
  }),
  AUTH_PUBLIC_KEY: variable({
    schema: z.string().optional(),
    description: 'PEM public key (SPKI) that verifies access tokens, when no JWKS URL is set.',
  }),
  AUTH_ISSUER: variable({
    schema: z.string().min(1),
    default: 'steerco',
    description: 'Expected `iss` of tokens.',
  }),
  AUTH_AUDIENCE: variable({
    schema: z.string().min(1),
    default: 'steerco-api',
    description: 'Expected `aud`.',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: variable({
    schema: httpUrlSchema.optional(),
    description: 'OTLP/HTTP collector; traces are exported only when set.',
  }),
};
