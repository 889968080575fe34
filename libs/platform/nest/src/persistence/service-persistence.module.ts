import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import type { ServiceName } from '@steerco/contracts';
import { ConfigError } from '@steerco/platform-config';
import {
  OutboxRelay,
  OutboxSignal,
  pgSqlClient,
  type MessageBus,
  type MessagingMetrics,
} from '@steerco/platform-messaging';
import type { Logger } from '@steerco/platform-observability';
import {
  createServiceOrm,
  migrateServiceSchema,
  UnitOfWork,
  type MigrationEntry,
} from '@steerco/platform-persistence';
import { HealthRegistry } from '../health/health.registry';
import { LOGGER, MESSAGE_BUS, MESSAGING_METRICS, PLATFORM_CONFIG, type PlatformConfig } from '../core/tokens';

export interface ServicePersistenceOptions {
  service: ServiceName;
  schema: string;
  entities: EntitySchema[];
  migrations: MigrationEntry[];
}

/** Per-service injection tokens: several services share one process in the single-process mode. */
export const ormToken = (schema: string) => `steerco:orm:${schema}`;
export const unitOfWorkToken = (schema: string) => `steerco:unit-of-work:${schema}`;
const relayToken = (schema: string) => `steerco:outbox-relay:${schema}`;
const outboxSignalToken = (schema: string) => `steerco:outbox-signal:${schema}`;

export const InjectUnitOfWork = (schema: string) => Inject(unitOfWorkToken(schema));

export function requireDatabaseUrl(config: PlatformConfig): string {
  if (!config.DATABASE_URL) {
    throw new ConfigError([
      { variable: 'DATABASE_URL', message: 'is required (PostgreSQL URL of this service)' },
    ]);
  }
  return config.DATABASE_URL;
}

/**
 * A service's own database schema (ORM, migrations, unit of work) and its outbox relay, started after the
 * application is up and stopped, after flushing its batch, when it shuts down.
 */
@Module({})
export class ServicePersistenceModule {
  static register(options: ServicePersistenceOptions): DynamicModule {
    const { schema } = options;

    class RelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
      constructor(
        @Inject(relayToken(schema)) private readonly relay: { relay: OutboxRelay; pool: Pool },
        @Inject(ormToken(schema)) private readonly orm: MikroORM,
      ) {}
      async onApplicationBootstrap() {
        await this.relay.relay.start();
      }
      async onApplicationShutdown() {
        await this.relay.relay.stop();
        await this.relay.pool.end();
        await this.orm.close();
      }
    }
    Object.defineProperty(RelayLifecycle, 'name', { value: `${schema}RelayLifecycle` });

    return {
      module: ServicePersistenceModule,
      providers: [
        {
          provide: ormToken(schema),
          inject: [PLATFORM_CONFIG, LOGGER, HealthRegistry],
          useFactory: async (config: PlatformConfig, logger: Logger, health: HealthRegistry) => {
            const orm = await createServiceOrm({
              schema,
              databaseUrl: requireDatabaseUrl(config),
              entities: options.entities,
              migrations: options.migrations,
              poolSize: config.DATABASE_POOL_SIZE,
            });
            if (config.DATABASE_MIGRATE_ON_START) {
              const applied = await migrateServiceSchema(orm);
              if (applied.length > 0) logger.info({ schema, applied }, 'migrations applied');
            }
            health.register(`database:${schema}`, () => orm.isConnected());
            return orm;
          },
        },
        // The unit of work raises it after each commit with events; the relay of the same schema listens.
        { provide: outboxSignalToken(schema), useFactory: () => new OutboxSignal() },
        {
          provide: unitOfWorkToken(schema),
          inject: [ormToken(schema), PLATFORM_CONFIG, outboxSignalToken(schema)],
          useFactory: (orm: MikroORM, config: PlatformConfig, outboxSignal: OutboxSignal) =>
            new UnitOfWork(orm, options.service, schema, {
              preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
              outboxSignal,
            }),
        },
        {
          provide: relayToken(schema),
          inject: [PLATFORM_CONFIG, LOGGER, MESSAGE_BUS, MESSAGING_METRICS, outboxSignalToken(schema)],
          useFactory: (
            config: PlatformConfig,
            logger: Logger,
            bus: MessageBus,
            metrics: MessagingMetrics,
            outboxSignal: OutboxSignal,
          ) => {
            const url = requireDatabaseUrl(config);
            const pool = new Pool({
              connectionString: url,
              max: 2,
              application_name: `steerco-outbox-relay-${schema}`,
            });
            const relay = new OutboxRelay({
              schema,
              sql: pgSqlClient(pool, { preparedStatements: config.DATABASE_PREPARED_STATEMENTS }),
              bus,
              logger,
              metrics,
              listener: outboxSignal,
              pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
              retentionMs:
                config.OUTBOX_RETENTION_HOURS > 0 ? config.OUTBOX_RETENTION_HOURS * 3_600_000 : undefined,
            });
            metrics.watchOutbox(schema, () => relay.oldestPendingAgeSeconds());
            return { relay, pool };
          },
        },
        RelayLifecycle,
      ],
      exports: [ormToken(schema), unitOfWorkToken(schema)],
    };
  }
}
