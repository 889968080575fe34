// Keep first: see telemetry.ts.
import { telemetry } from './telemetry';
import { loadConfig, platformVariables } from '@steerco/platform-config';
import { identityVariables } from '@steerco/identity-service';
import { exitOnConfigError } from '@steerco/platform-nest';
import { runStandalone } from './standalone-process';

/**
 * Every Steerco service in one process on one port: the in-process bus unless KAFKA_BROKERS is set, and the
 * PostgreSQL of DATABASE_URL or, when unset, an embedded one. `npm ci && npm start` needs nothing but Node.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...platformVariables, ...identityVariables });
  await runStandalone(config, () => telemetry.shutdown());
}

main()
  .catch(exitOnConfigError)
  .catch((error) => {
    process.stderr.write(
      `steerco failed to start: ${(error as Error | undefined)?.stack ?? String(error)}\n`,
    );
    process.exit(1);
  });
