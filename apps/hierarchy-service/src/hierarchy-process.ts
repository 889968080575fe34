import {
  HIERARCHY_SCHEMA,
  HierarchyModule,
  hierarchyEntities,
  hierarchyMigrations,
} from '@steerco/hierarchy-service';
import {
  createProcessApp,
  installShutdown,
  listen,
  processLogger,
  type PlatformConfig,
} from '@steerco/platform-nest';
import { createServiceOrm, migrateServiceSchema } from '@steerco/platform-persistence';

export async function runHierarchyService(
  config: PlatformConfig,
  migrateOnly: boolean,
  onShutdown: () => Promise<void>,
) {
  const logger = processLogger('hierarchy-service', config);
  if (migrateOnly) {
    const orm = await createServiceOrm({
      schema: HIERARCHY_SCHEMA,
      databaseUrl: config.DATABASE_URL as string,
      entities: hierarchyEntities,
      migrations: hierarchyMigrations,
    });
    const applied = await migrateServiceSchema(orm);
    logger.info({ applied }, 'migrations applied');
    await orm.close();
    await onShutdown();
    return;
  }
  const app = await createProcessApp(
    { processName: 'hierarchy-service', services: [HierarchyModule] },
    config,
    logger,
  );
  installShutdown(app, logger, config.SHUTDOWN_GRACE_MS, onShutdown);
  await listen(app, config, logger);
}
