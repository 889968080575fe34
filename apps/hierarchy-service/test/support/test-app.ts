import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HierarchyModule } from '@steerco/hierarchy-service';
import { loadConfig, platformVariables } from '@steerco/platform-config';
import { createProcessApp, type PlatformConfig } from '@steerco/platform-nest';
import { testLogger } from '@steerco/platform-testing';

export interface TestRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string;
}

export interface TestResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): unknown;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: PlatformConfig;
  baseUrl: string;
  request(request: TestRequest): Promise<TestResponse>;
  close(): Promise<void>;
}

/**
 * The hierarchy service as the processes host it, in this test process, on a database of the test's own,
 * listening on a real loopback port: requests cross real HTTP (an in-memory inject skips the socket
 * behaviour that body limits and aborted uploads depend on).
 */
export async function startTestApp(env: Record<string, string>): Promise<TestApp> {
  const config = loadConfig(platformVariables, {
    STEERCO_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    // Suites run side by side on one broker: each app consumes as a group of its own.
    KAFKA_GROUP_PREFIX: `test-${randomUUID()}`,
    ...env,
  });
  const app = await createProcessApp(
    { processName: 'hierarchy-test', services: [HierarchyModule] },
    config,
    testLogger(),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = await app.getUrl();
  return {
    app,
    config,
    baseUrl,
    async request({ method, url, headers, payload }) {
      const response = await fetch(`${baseUrl}${url}`, { method, headers, body: payload });
      const body = await response.text();
      return {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers.entries()),
        body,
        json: () => JSON.parse(body),
      };
    },
    close: () => app.close(),
  };
}
