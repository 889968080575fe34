import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL the integration tests use: the local server unless TEST_DATABASE_URL points elsewhere. */
export const TEST_SERVER_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const TEST_DATABASE = 'steerco_test';

let ensured: Promise<string> | undefined;

/** URL of the shared test database, created on first use. Tests isolate themselves by schema. */
export function testDatabaseUrl(): Promise<string> {
  ensured ??= (async () => {
    const url = new URL(TEST_SERVER_URL);
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
        TEST_DATABASE,
      ]);
      if (!rowCount) {
        await client.query(`create database ${TEST_DATABASE}`).catch((error: { code?: string }) => {
          if (error.code !== '42P04') throw error; // created concurrently by another test worker
        });
      }
    } finally {
      await client.end();
    }
    url.pathname = `/${TEST_DATABASE}`;
    return url.toString();
  })();
  return ensured;
}

/** A schema name no other test run uses. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** A database of its own for a suite that needs the services' fixed schema names; drop it when done. */
export async function createTestDatabase(
  prefix = 'steerco_e2e',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: TEST_SERVER_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
