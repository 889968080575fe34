import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { context as otelContext, trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { runWithContext, SYSTEM_ACTOR } from '@steerco/platform-observability';
import { requestState } from './request-state';

/**
 * Runs the route handler inside the request's context: the authenticated actor and correlation id (read by
 * the unit of work for audit and events) and the server span (so outbox rows store this request's trace).
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const state = requestState(execution.switchToHttp().getRequest<object>());
    if (!state) return next.handle();
    const ctx = {
      correlationId: state.correlationId,
      actor: state.principal?.userId ?? SYSTEM_ACTOR,
      cause: `request:${state.correlationId}`,
    };
    const spanContext = trace.setSpan(otelContext.active(), state.span);
    return new Observable((subscriber) =>
      runWithContext(ctx, () => otelContext.with(spanContext, () => next.handle().subscribe(subscriber))),
    );
  }
}
