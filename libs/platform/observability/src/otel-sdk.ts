import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * Starts OpenTelemetry for a process. Must run before NestJS, pg and kafkajs are loaded, which is why every
 * main.ts calls it first. Spans of the HTTP server, the outbox relay and consumers are created by Steerco's own
 * code (they must be, to restore the trace context stored on an outbox row); http and pg instrumentations add
 * the outgoing calls and queries. Nothing is exported unless an OTLP endpoint is configured.
 */
export function startTelemetry(serviceName: string, otlpEndpoint: string | undefined): NodeSDK {
  // Without a collector sdk-node would push metrics and logs to localhost:4318 and stall shutdown for seconds.
  process.env['OTEL_METRICS_EXPORTER'] ??= 'none';
  process.env['OTEL_LOGS_EXPORTER'] ??= 'none';
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: process.env['OTEL_SERVICE_NAME'] ?? serviceName,
    }),
    traceExporter: otlpEndpoint
      ? new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` })
      : undefined,
    // Without a collector spans are still created (so trace context reaches logs and Kafka headers), not exported.
    spanProcessors: otlpEndpoint ? undefined : [new NoopSpanProcessor()],
    instrumentations: [
      // Incoming requests get Steerco's own server span; ignoring them here would suppress tracing inside them.
      new HttpInstrumentation({ disableIncomingRequestInstrumentation: true }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return sdk;
}
