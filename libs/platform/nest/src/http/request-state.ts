import type { Span } from '@opentelemetry/api';
import type { Principal } from '@steerco/platform-auth';

/** What the platform attaches to each Fastify request. */
export interface RequestState {
  correlationId: string;
  span: Span;
  startedAt: number;
  principal?: Principal;
}

export const REQUEST_STATE = Symbol.for('steerco.requestState');

export function requestState(request: object): RequestState | undefined {
  return (request as Record<symbol, RequestState | undefined>)[REQUEST_STATE];
}

export function setRequestState(request: object, state: RequestState): void {
  (request as Record<symbol, RequestState>)[REQUEST_STATE] = state;
}
