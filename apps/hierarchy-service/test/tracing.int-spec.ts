import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { nodeCreatedV1 } from '@steerco/contracts';
import { EventConsumer, type ConsumerTransaction, type MessageBus } from '@steerco/platform-messaging';
import { MESSAGE_BUS, unitOfWorkToken } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import {
  createTestDatabase,
  testKafkaBrokers,
  testLogger,
  uniqueName,
  waitFor,
} from '@steerco/platform-testing';
import { IdentityEvents } from '@steerco/platform-testing';
import { startTestApp, type TestApp } from './support/test-app';
import { AUDIENCE, ISSUER, sign, testKeys } from './support/tokens';

/** One trace from the HTTP request through the outbox relay and Kafka to the consumer's span. */
describe('trace propagation across HTTP, the outbox and Kafka', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const keys = testKeys();
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp;
  let consumer: EventConsumer<ConsumerTransaction>;
  const handled = new Map<string, string>();
  const userId = randomUUID();

  beforeAll(async () => {
    provider.register();
    db = await createTestDatabase();
    t = await startTestApp({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      AUTH_PUBLIC_KEY: keys.publicKeyPem,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      OUTBOX_POLL_INTERVAL_MS: '200',
    });
    const uow = t.app.get<UnitOfWork>(unitOfWorkToken('hierarchy'));
    consumer = new EventConsumer<ConsumerTransaction>({
      bus: t.app.get<MessageBus>(MESSAGE_BUS),
      groupId: uniqueName('trace-test'),
      schema: 'hierarchy',
      logger: testLogger(),
      runTransaction: (work) => uow.run((scope) => work({ sql: scope.sql })),
      handlers: [
        { definition: nodeCreatedV1, handle: async (event) => void handled.set(event.subject, event.id) },
      ],
    });
    await consumer.start();
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const identity = new IdentityEvents(t.app.get<MessageBus>(MESSAGE_BUS), {
        client: pg,
        schema: 'hierarchy',
      });
      await identity.user(userId, { platformAdmin: true });
    } finally {
      await pg.end();
    }
  }, 60_000);

  afterAll(async () => {
    await consumer?.stop();
    await t?.close();
    await db?.drop();
    await provider.shutdown();
  });

  it('continues the caller trace from the HTTP span to the consumer span', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const response = await t.request({
      method: 'POST',
      url: '/api/hierarchy/nodes',
      headers: {
        authorization: `Bearer ${await sign(keys.privateKey, { sub: userId })}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      payload: JSON.stringify({ level: 'organization', title: 'Traced' }),
    });
    expect(response.statusCode).toBe(201);
    const nodeId = (response.json() as { id: string }).id;

    await waitFor(() => handled.has(nodeId), 'consumer handled the created event', 60_000);
    await waitFor(
      () => exporter.getFinishedSpans().some((s) => s.name.startsWith('process ')),
      'consumer span ended',
    );

    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const byKind = (kind: SpanKind) => spans.filter((s) => s.kind === kind);
    const [server] = byKind(SpanKind.SERVER);
    const producer = byKind(SpanKind.PRODUCER).find(
      (s) => s.attributes['messaging.message.id'] === handled.get(nodeId),
    ) as ReadableSpan;
    const consumerSpan = byKind(SpanKind.CONSUMER).find(
      (s) => s.attributes['messaging.message.id'] === handled.get(nodeId),
    ) as ReadableSpan;

    expect(server.name).toBe('HTTP POST /api/hierarchy/nodes');
    expect(server.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(producer.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(consumerSpan.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    expect(consumerSpan.name).toBe('process steerco.hierarchy.node.v1');
  }, 90_000);
});
