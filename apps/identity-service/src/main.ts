// Keep first: see telemetry.ts.
import { telemetry } from './telemetry';
import { ConfigError, loadConfig, platformVariables } from '@steerco/platform-config';
import { identityVariables } from '@steerco/identity-service';
import { exitOnConfigError } from '@steerco/platform-nest';
import { runIdentityService } from './identity-process';

/**
 * The identity service as its own process (distributed mode): its own database schema and Kafka.
 * `node main.js migrate` applies its migrations and exits (the deployment's migration job).
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...platformVariables, ...identityVariables });
  const missing = (['DATABASE_URL', 'KAFKA_BROKERS'] as const).filter((name) => !config[name]);
  if (missing.length > 0) {
    throw new ConfigError(
      missing.map((variable) => ({
        variable,
        message: 'is required when a service runs as its own process',
      })),
    );
  }
  await runIdentityService(config, process.argv[2] === 'migrate', () => telemetry.shutdown());
}

main()
  .catch(exitOnConfigError)
  .catch((error) => {
    process.stderr.write(
      `identity-service failed to start: ${(error as Error | undefined)?.stack ?? String(error)}\n`,
    );
    process.exit(1);
  });
