import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting and under which correlation id; carried implicitly through async calls. */
export interface RequestContext {
  correlationId: string;
  actor: string;
  /** What caused this work: a request id, an approval, an event id. */
  cause?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The principal for work no user started (relays, scheduled jobs, migrations). */
export const SYSTEM_ACTOR = 'system';
