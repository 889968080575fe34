import { randomUUID } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contextFromHeaders, tracer, type Logger } from '@steerco/platform-observability';
import type { AppError } from '@steerco/platform-errors';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/problem-details';
import { requestState, setRequestState } from './request-state';

const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Sends an AppError as problem+json; shared by the Nest filter and Fastify's own error paths. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): void {
  const state = requestState(request);
  const body = toProblem(error, request.url.split('?')[0], state?.correlationId);
  if (error.status === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
  void reply.status(error.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

export function logFailure(logger: Logger, error: unknown, appError: AppError, expected: boolean): void {
  if (expected)
    logger.info(
      { code: appError.code, status: appError.status, detail: appError.message },
      'request refused',
    );
  else logger.error({ err: error }, 'request failed unexpectedly');
}

/**
 * Per-request plumbing at the Fastify level, so it also covers requests Nest never routes (404s, bodies that
 * fail to parse): a correlation id (taken from the caller when well-formed, echoed back), an HTTP server span
 * continuing the caller's W3C trace, and one access-log line. Errors reach ProblemFilter through Nest.
 */
export function registerRequestHooks(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const offered = request.headers[CORRELATION_HEADER];
    const correlationId =
      typeof offered === 'string' && SAFE_CORRELATION_ID.test(offered) ? offered : randomUUID();
    const span = tracer().startSpan(
      `HTTP ${request.method}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0] },
      },
      contextFromHeaders(request.headers),
    );
    setRequestState(request, { correlationId, span, startedAt: performance.now() });
    reply.header(CORRELATION_HEADER, correlationId);
  });

  fastify.addHook('onResponse', async (request, reply) => {
    const state = requestState(request);
    if (!state) return;
    const route = request.routeOptions.url;
    if (route) state.span.updateName(`HTTP ${request.method} ${route}`);
    state.span.setAttribute('http.response.status_code', reply.statusCode);
    if (route) state.span.setAttribute('http.route', route);
    if (reply.statusCode >= 500) state.span.setStatus({ code: SpanStatusCode.ERROR });
    state.span.end();
    // A failing readiness probe is expected while starting or draining; it is not an error of the request.
    const level = reply.statusCode >= 500 && route !== '/health/ready' ? 'error' : 'info';
    logger[level](
      {
        method: request.method,
        route,
        status: reply.statusCode,
        durationMs: Math.round(performance.now() - state.startedAt),
        correlation_id: state.correlationId,
        trace_id: state.span.spanContext().traceId,
        actor: state.principal?.userId,
      },
      'request completed',
    );
  });
}
