import { trace, context } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';
import { currentContext } from './request-context';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  level: string;
  pretty: boolean;
}

/**
 * JSON logs carrying the service, the trace and span ids and the correlation id, so a log line leads to its
 * trace. Secrets never reach here: config is logged redacted and request bodies are not logged.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
      censor: '***',
    },
    mixin() {
      const span = trace.getSpan(context.active());
      const spanContext = span?.spanContext();
      const request = currentContext();
      return {
        ...(spanContext ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {}),
        ...(request ? { correlation_id: request.correlationId } : {}),
      };
    },
    transport: options.pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
  });
}
