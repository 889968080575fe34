import type { INestApplication } from '@nestjs/common';
import type { Logger } from '@steerco/platform-observability';

/**
 * Stops the process on SIGTERM or SIGINT: `app.close()` runs every Nest shutdown hook (readiness fails, the
 * server stops accepting and drains, relays flush, consumers stop, the bus closes), then `after` (telemetry,
 * an embedded database), then exit 0. Past the grace period, or on a second signal, it exits 1 at once.
 * This replaces `app.enableShutdownHooks()`, which re-raises the signal after the hooks and so cannot wait for
 * work that must follow them.
 */
export function installShutdown(
  app: INestApplication,
  logger: Logger,
  graceMs: number,
  after: () => Promise<void> = async () => undefined,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without finishing the shutdown');
      process.exit(1);
    }
    stopping = true;
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown exceeded its grace period: exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    void (async () => {
      try {
        await app.close();
        await after();
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    })();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
