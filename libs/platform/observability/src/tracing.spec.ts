import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { contextFromHeaders, currentTraceHeaders, inSpan } from './tracing';
import { currentContext, runWithContext } from './request-context';

describe('trace context helpers', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => provider.register());
  afterAll(() => provider.shutdown());

  it('reads the active span as a traceparent and restores it as a parent', async () => {
    const parent = contextFromHeaders({
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    const stored = await inSpan('work', { kind: SpanKind.INTERNAL, parent }, async () =>
      currentTraceHeaders(),
    );
    expect(stored.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  });

  it('records a failure on the span and rethrows it', async () => {
    exporter.reset();
    await expect(
      inSpan('failing', { kind: SpanKind.INTERNAL }, async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(exporter.getFinishedSpans()[0].status.code).toBe(2);
  });

  it('has no traceparent outside a span', () => {
    expect(
      currentTraceHeaders(context.active()).traceparent ?? trace.getSpan(context.active()),
    ).toBeUndefined();
  });

  it('carries the request context through async calls', async () => {
    const seen = await runWithContext({ correlationId: 'c-9', actor: 'u-1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return currentContext();
    });
    expect(seen).toEqual({ correlationId: 'c-9', actor: 'u-1' });
    expect(currentContext()).toBeUndefined();
  });
});
