import { Client } from 'pg';
import { createTestDatabase } from '@steerco/platform-testing';
import { startTestApp, type TestApp, type TestResponse } from './test-app';
import { AUDIENCE, ISSUER, sign, testKeys } from './tokens';

export interface HierarchyFixture {
  t: TestApp;
  /** A direct connection to the suite's own database, to check what was (or was not) written. */
  pg: Client;
  keys: ReturnType<typeof testKeys>;
  auth: Record<string, string>;
  /** Calls `/api/hierarchy/nodes<path>` as the suite's user; a body is sent as JSON. */
  nodes(method: string, path: string, body?: object, headers?: Record<string, string>): Promise<TestResponse>;
  close(): Promise<void>;
}

/** The hierarchy service on a database of the suite's own, with a token for `subject`. */
export async function startHierarchyFixture(
  subject = 'pmo-1',
  env: Record<string, string> = {},
): Promise<HierarchyFixture> {
  const keys = testKeys();
  const db = await createTestDatabase();
  const t = await startTestApp({
    DATABASE_URL: db.url,
    AUTH_PUBLIC_KEY: keys.publicKeyPem,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    ...env,
  });
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const auth = { authorization: `Bearer ${await sign(keys.privateKey, { sub: subject })}` };
  return {
    t,
    pg,
    keys,
    auth,
    nodes: (method, path, body, headers = {}) =>
      t.request({
        method,
        url: `/api/hierarchy/nodes${path}`,
        headers: body ? { ...auth, 'content-type': 'application/json', ...headers } : { ...auth, ...headers },
        payload: body ? JSON.stringify(body) : undefined,
      }),
    async close() {
      await pg.end();
      await t.close();
      await db.drop();
    },
  };
}
