import { HierarchyModule } from '@steerco/hierarchy-service';
import {
  createProcessApp,
  installShutdown,
  listen,
  processLogger,
  type PlatformConfig,
} from '@steerco/platform-nest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-database';

/** Every service module that exists; each new service adds itself here. */
const SERVICES = [HierarchyModule];

export async function runStandalone(config: PlatformConfig, onShutdown: () => Promise<void>): Promise<void> {
  const logger = processLogger('standalone', config);
  let database: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    database = await startEmbeddedDatabase(logger);
    config = { ...config, DATABASE_URL: database.url };
  }
  const app = await createProcessApp({ processName: 'standalone', services: SERVICES }, config, logger);
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
    `Steerco is up on http://localhost:${config.PORT} (try /api/hierarchy/openapi.json; npm run dev-token prints a token)`,
  );
}
