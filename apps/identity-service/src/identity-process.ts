import {
  IDENTITY_SCHEMA,
  IdentityModule,
  identityEntities,
  identityMigrations,
  verifyWithOwnJwks,
  type IdentityConfig,
} from '@steerco/identity-service';
import {
  createProcessApp,
  installShutdown,
  listen,
  processLogger,
  type PlatformConfig,
} from '@steerco/platform-nest';
import { createServiceOrm, migrateServiceSchema } from '@steerco/platform-persistence';

export async function runIdentityService(
  config: PlatformConfig & IdentityConfig,
  migrateOnly: boolean,
  onShutdown: () => Promise<void>,
) {
  const logger = processLogger('identity-service', config);
  if (migrateOnly) {
    const orm = await createServiceOrm({
      schema: IDENTITY_SCHEMA,
      databaseUrl: config.DATABASE_URL as string,
      entities: identityEntities,
      migrations: identityMigrations,
    });
    const applied = await migrateServiceSchema(orm);
    logger.info({ applied }, 'migrations applied');
    await orm.close();
    await onShutdown();
    return;
  }
  const serving = verifyWithOwnJwks(config);
  const app = await createProcessApp(
    { processName: 'identity-service', services: [IdentityModule.forRoot(serving)] },
    serving,
    logger,
  );
  installShutdown(app, logger, config.SHUTDOWN_GRACE_MS, onShutdown);
  await listen(app, serving, logger);
}
