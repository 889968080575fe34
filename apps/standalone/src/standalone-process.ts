import { HierarchyModule } from '@steerco/hierarchy-service';
import { IdentityModule, verifyWithOwnJwks, type IdentityConfig } from '@steerco/identity-service';
import {
  createProcessApp,
  installShutdown,
  listen,
  processLogger,
  type PlatformConfig,
} from '@steerco/platform-nest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';

/** Every service module that exists; each new service adds itself here. */
const services = (config: PlatformConfig & IdentityConfig) => [
  HierarchyModule,
  IdentityModule.forRoot(config),
];

/**
 * Tokens the identity module issues are verified, by every module of the process, through the JWKS the same
 * process serves (unless AUTH_JWKS_URL or AUTH_PUBLIC_KEY names another issuer).
 */
export async function runStandalone(
  loaded: PlatformConfig & IdentityConfig,
  onShutdown: () => Promise<void>,
): Promise<void> {
  let config = verifyWithOwnJwks(loaded);
  const logger = processLogger('standalone', config);
  let database: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    database = await startEmbeddedDatabase(logger);
    config = { ...config, DATABASE_URL: database.url };
  }
  const app = await createProcessApp(
    { processName: 'standalone', services: services(config) },
    config,
    logger,
  );
  installShutdown(app, logger, config.SHUTDOWN_GRACE_MS, async () => {
    await onShutdown();
    if (database) {
      await database.stop();
      logger.info('embedded PostgreSQL stopped');
    }
  });
  await listen(app, config, logger);
  logger.info(
    { bus: config.KAFKA_BROKERS ? 'kafka' : 'in-process', database: database ? 'embedded' : 'external' },
    `Steerco is up on http://localhost:${config.PORT} (log in: POST /api/identity/auth/login; try /api/hierarchy/openapi.json)`,
  );
}
