import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { MessageBus } from '@steerco/platform-messaging';
import { MESSAGE_BUS } from '@steerco/platform-nest';
import { createTestDatabase, IdentityEvents } from '@steerco/platform-testing';
import { startTestApp, type TestApp, type TestResponse } from './test-app';
import { AUDIENCE, ISSUER, sign, testKeys } from './tokens';

export interface HierarchyFixture {
  t: TestApp;
  /** A direct connection to the suite's own database, to check what was (or was not) written. */
  pg: Client;
  keys: ReturnType<typeof testKeys>;
  /** The suite's user: an installation admin who becomes PMO admin of every organization it creates. */
  userId: string;
  auth: Record<string, string>;
  identity: IdentityEvents;
  /** A bearer header for another user (publish their user and assignments through `identity`). */
  authFor(userId: string): Promise<Record<string, string>>;
  /** Calls `/api/hierarchy/nodes<path>` as the suite's user; a body is sent as JSON. */
  nodes(method: string, path: string, body?: object, headers?: Record<string, string>): Promise<TestResponse>;
  close(): Promise<void>;
}

/**
 * The hierarchy service on a database of the suite's own, with a user known to it through identity events
 * (an installation admin) and a token for that user. An organization the user creates through `nodes`
 * makes them its PMO admin, as an administrator would grant it in the identity service.
 */
export async function startHierarchyFixture(env: Record<string, string> = {}): Promise<HierarchyFixture> {
  const subject = randomUUID();
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
  const identity = new IdentityEvents(t.app.get<MessageBus>(MESSAGE_BUS));
  await identity.user(subject, { platformAdmin: true });
  const auth = { authorization: `Bearer ${await sign(keys.privateKey, { sub: subject })}` };
  return {
    t,
    pg,
    keys,
    userId: subject,
    auth,
    identity,
    authFor: async (userId) => ({ authorization: `Bearer ${await sign(keys.privateKey, { sub: userId })}` }),
    async nodes(method, path, body, headers = {}) {
      const response = await t.request({
        method,
        url: `/api/hierarchy/nodes${path}`,
        headers: body ? { ...auth, 'content-type': 'application/json', ...headers } : { ...auth, ...headers },
        payload: body ? JSON.stringify(body) : undefined,
      });
      const created = response.statusCode === 201 && method === 'POST' && path === '';
      if (created && (body as { level?: string }).level === 'organization') {
        await identity.grant(subject, 'pmo-admin', (response.json() as { id: string }).id);
      }
      return response;
    },
    async close() {
      await pg.end();
      await t.close();
      await db.drop();
    },
  };
}
