import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { z } from 'zod';
import {
  CE_HEADERS,
  fromBusMessage,
  nodeCreatedV1Schema,
  nodeUpdatedV1Schema,
  type BusMessage,
} from '@steerco/contracts';
import { KafkaBus } from '@steerco/platform-messaging';
import {
  baseEnv,
  createTestDatabase,
  freePort,
  IdentityEvents,
  startBuiltApp,
  testKafkaBrokers,
  testLogger,
  uniqueName,
  waitFor,
} from '@steerco/platform-testing';
import { AUDIENCE, ISSUER, sign, testKeys } from './support/tokens';

/** The built hierarchy-service as its own process (distributed mode), over the real Kafka broker. */
describe('hierarchy-service process', () => {
  it('refuses to start without its required configuration, naming each variable', async () => {
    const missing = startBuiltApp('hierarchy-service', baseEnv({}));
    expect((await missing.exited).code).toBe(78);
    expect(missing.output()).toContain('DATABASE_URL: is required');
    expect(missing.output()).toContain('KAFKA_BROKERS: is required');

    const bad = startBuiltApp(
      'hierarchy-service',
      baseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'k:9092' }),
    );
    expect((await bad.exited).code).toBe(78);
    expect(bad.output()).toMatch(/PORT: .*Invalid input/);
    expect(bad.output()).toMatch(/DATABASE_URL: must be a postgres/);
  });

  it('refuses development keys in production: it needs AUTH_JWKS_URL or AUTH_PUBLIC_KEY', async () => {
    const db = await createTestDatabase();
    try {
      const prod = startBuiltApp(
        'hierarchy-service',
        baseEnv({
          STEERCO_ENV: 'production',
          DATABASE_URL: db.url,
          KAFKA_BROKERS: testKafkaBrokers().join(','),
        }),
      );
      expect((await prod.exited).code).toBe(78);
      expect(prod.output()).toContain('AUTH_JWKS_URL');
    } finally {
      await db.drop();
    }
  });

  describe('serving over Kafka', () => {
    const keys = testKeys();
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let service: ReturnType<typeof startBuiltApp>;
    let baseUrl: string;
    let bus: KafkaBus;
    let pg: Client;
    let identity: IdentityEvents;
    const userId = randomUUID();
    const seen: BusMessage[] = [];

    beforeAll(async () => {
      db = await createTestDatabase();
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      service = startBuiltApp(
        'hierarchy-service',
        baseEnv({
          PORT: String(port),
          DATABASE_URL: db.url,
          KAFKA_BROKERS: testKafkaBrokers().join(','),
          AUTH_PUBLIC_KEY: keys.publicKeyPem,
          AUTH_ISSUER: ISSUER,
          AUTH_AUDIENCE: AUDIENCE,
          STEERCO_ENV: 'production',
          KAFKA_GROUP_PREFIX: uniqueName('process-test'),
        }),
      );
      await waitFor(
        async () => (await fetch(`${baseUrl}/health/ready`).catch(() => undefined))?.status === 200,
        () => `service ready; output:\n${service.output()}`,
        60_000,
        200,
      );
      bus = new KafkaBus({ brokers: testKafkaBrokers(), clientId: 'process-test', logger: testLogger() });
      await bus.subscribe(
        uniqueName('process-test'),
        ['steerco.hierarchy.node.v1'],
        async (m) => void seen.push(m),
      );
      // The user reaches the separate process as identity's events do: over Kafka, into its projection.
      pg = new Client({ connectionString: db.url });
      await pg.connect();
      identity = new IdentityEvents(bus, { client: pg, schema: 'hierarchy' });
      await identity.user(userId, { platformAdmin: true });
    }, 90_000);

    afterAll(async () => {
      await pg?.end();
      await bus?.close();
      const exit = await service?.stop('SIGTERM');
      await db?.drop();
      // Graceful shutdown: requests drained, relay and consumers stopped, then a clean exit.
      expect(exit).toEqual({ code: 0, signal: null });
      expect(service.output()).toContain('shutdown complete: relays flushed, consumers stopped, bus closed');
    }, 60_000);

    it('publishes each change as a CloudEvent on its topic, keyed by the node', async () => {
      const token = await sign(keys.privateKey, { sub: userId });
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const headers = {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-correlation-id': 'corr-process-1',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      };
      const created = await fetch(`${baseUrl}/api/hierarchy/nodes`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ level: 'organization', title: 'Process Org' }),
      });
      expect(created.status).toBe(201);
      const node = (await created.json()) as { id: string; version: number };
      await identity.grant(userId, 'pmo-admin', node.id);
      const updated = await fetch(`${baseUrl}/api/hierarchy/nodes/${node.id}`, {
        method: 'PATCH',
        headers: { ...headers, 'if-match': created.headers.get('etag') as string },
        body: JSON.stringify({ title: 'Process Org renamed' }),
      });
      expect(updated.status).toBe(200);
      expect(updated.headers.get('etag')).toBe('"2"');

      await waitFor(
        () => seen.filter((m) => m.key === node.id).length === 2,
        'both events on the topic',
        60_000,
      );
      const [createdEvent, updatedEvent] = seen.filter((m) => m.key === node.id).map(fromBusMessage);
      for (const [event, type, version] of [
        [createdEvent, 'steerco.hierarchy.node.created.v1', 1],
        [updatedEvent, 'steerco.hierarchy.node.updated.v1', 2],
      ] as const) {
        expect(event).toMatchObject({
          specversion: '1.0',
          source: '/steerco/hierarchy',
          type,
          subject: node.id,
          actor: userId,
          correlationid: 'corr-process-1',
          aggregateversion: version,
          datacontenttype: 'application/json',
        });
        expect(z.uuid({ version: 'v7' }).safeParse(event.id).success).toBe(true);
        // The caller's trace continues through the service, its outbox and the relay onto the message.
        expect(event.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      }
      expect(nodeCreatedV1Schema.parse(createdEvent.data).node.title).toBe('Process Org');
      expect(nodeUpdatedV1Schema.parse(updatedEvent.data).changes).toEqual({
        title: { before: 'Process Org', after: 'Process Org renamed' },
      });
      const raw = seen.find((m) => m.key === node.id) as BusMessage;
      expect(Object.keys(raw.headers)).toEqual(
        expect.arrayContaining([...Object.values(CE_HEADERS), 'content-type', 'traceparent']),
      );
    }, 90_000);

    it('serves its OpenAPI 3.1 description and Prometheus metrics', async () => {
      const openapi = (await (await fetch(`${baseUrl}/api/hierarchy/openapi.json`)).json()) as {
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
      };
      expect(openapi.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining([
          '/api/hierarchy/nodes',
          '/api/hierarchy/nodes/{id}',
          '/api/hierarchy/nodes/{id}/history',
        ]),
      );
      expect(Object.keys(openapi.paths['/api/hierarchy/nodes/{id}'])).toEqual(
        expect.arrayContaining(['get', 'patch']),
      );
      const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
      expect(metrics).toContain('steerco_outbox_oldest_pending_age_seconds{schema="hierarchy"');
      expect(metrics).toMatch(/steerco_outbox_published_total\{schema="hierarchy"[^}]*\} [1-9]/);
    });
  });
});
