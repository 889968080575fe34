import { Migrator } from '@mikro-orm/migrations';
import { Client } from 'pg';
import { MikroORM, PostgreSqlDriver, type EntitySchema, type Options } from '@mikro-orm/postgresql';
import { assertSchemaName } from '@steerco/platform-messaging';
import { platformMigrations } from '../migrations/platform-migration';

export interface MigrationEntry {
  name: string;
  class: new (...args: never[]) => unknown;
}

export interface ServiceOrmOptions {
  schema: string;
  databaseUrl: string;
  entities: EntitySchema[];
  /** The service's own migrations, in order; the platform tables come first automatically. */
  migrations: MigrationEntry[];
  poolSize?: number;
}

/**
 * One MikroORM instance per service, bound to the service's own schema. There is no global context: every
 * unit of work forks its own entity manager, so a leak fails loudly instead of sharing identity maps.
 */
export async function createServiceOrm(options: ServiceOrmOptions): Promise<MikroORM> {
  const schema = assertSchemaName(options.schema);
  const config: Options = {
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    schema,
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: options.poolSize ?? 10 },
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      migrationsList: [...platformMigrations, ...options.migrations] as never,
    },
    debug: false,
  };
  return MikroORM.init(config);
}

/**
 * Applies pending migrations under a session advisory lock held on its own connection, so replicas starting
 * together migrate once. Migrations are committed code, reviewed like any other; nothing is generated at boot.
 */
export async function migrateServiceSchema(orm: MikroORM): Promise<string[]> {
  const schema = orm.config.get('schema') as string;
  const lock = new Client({ connectionString: orm.config.get('clientUrl') as string });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(hashtext($1))', [`steerco-migrate-${schema}`]);
    await lock.query(`create schema if not exists "${schema}"`);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await lock.end();
  }
}
