import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { IdentityModule, identityVariables, verifyWithOwnJwks } from '@steerco/identity-service';
import { loadConfig, platformVariables } from '@steerco/platform-config';
import { createProcessApp } from '@steerco/platform-nest';
import { createTestDatabase, freePort, testLogger } from '@steerco/platform-testing';

export const ADMIN_EMAIL = 'root@acme.test';
export const ADMIN_PASSWORD = 'violet harbour lanterns 42';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface IdentityApp {
  app: NestFastifyApplication;
  baseUrl: string;
  /** A direct connection to the suite's own database, to check what was written. */
  pg: Client;
  call(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<HttpResponse>;
  close(): Promise<void>;
}

/**
 * The identity service as its process hosts it, in this test process, on a database of the suite's own,
 * listening on a real loopback port that is also its JWKS URL: tokens are verified the way every other
 * service verifies them.
 */
export async function startIdentityApp(env: Record<string, string> = {}): Promise<IdentityApp> {
  const db = await createTestDatabase('steerco_identity');
  const port = await freePort();
  const config = verifyWithOwnJwks(
    loadConfig(
      { ...platformVariables, ...identityVariables },
      {
        STEERCO_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        DATABASE_URL: db.url,
        STEERCO_ADMIN_EMAIL: ADMIN_EMAIL,
        STEERCO_ADMIN_PASSWORD: ADMIN_PASSWORD,
        IDENTITY_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        // Where single sign-on providers send the browser back: this very listener.
        IDENTITY_PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...env,
      },
    ),
  );
  const app = await createProcessApp(
    { processName: 'identity-test', services: [IdentityModule.forRoot(config)] },
    config,
    testLogger(),
  );
  await app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  return {
    app,
    baseUrl,
    pg,
    async call(method, path, { body, headers = {} } = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text,
        json: <T>() => JSON.parse(text) as T,
      };
    },
    async close() {
      await pg.end();
      await app.close();
      await db.drop();
    },
  };
}
