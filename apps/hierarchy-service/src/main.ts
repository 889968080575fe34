// Keep first: see telemetry.ts.
import { telemetry } from './telemetry';
import { ConfigError, loadConfig, platformVariables } from '@steerco/platform-config';
import { exitOnConfigError } from '@steerco/platform-nest';
import { runHierarchyService } from './hierarchy-process';

/**
 * The hierarchy service as its own process (distributed mode): its own database schema and Kafka.
 * `node main.js migrate` applies its migrations and exits (the deployment's migration job).
 */
async function main(): Promise<void> {
  const config = loadConfig(platformVariables);
  const missing = (['DATABASE_URL', 'KAFKA_BROKERS'] as const).filter((name) => !config[name]);
  if (missing.length > 0) {
    throw new ConfigError(
      missing.map((variable) => ({
        variable,
        message: 'is required when a service runs as its own process',
      })),
    );
  }
  await runHierarchyService(config, process.argv[2] === 'migrate', () => telemetry.shutdown());
}

main()
  .catch(exitOnConfigError)
  .catch((error) => {
    process.stderr.write(
      `hierarchy-service failed to start: ${(error as Error | undefined)?.stack ?? String(error)}\n`,
    );
    process.exit(1);
  });
