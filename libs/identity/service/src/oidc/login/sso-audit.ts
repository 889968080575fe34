import { randomUUID } from 'node:crypto';
import { currentContext, runWithContext } from '@steerco/platform-observability';
import type { SqlTransactionScope } from '@steerco/platform-persistence';

/** The actor of what a sign-in through a provider does (a user created just in time, groups applied). */
export const ssoActor = (providerId: string) => `sso:${providerId}`;

export function runAsSso<T>(providerId: string, work: () => Promise<T>): Promise<T> {
  const context = currentContext();
  return runWithContext(
    {
      correlationId: context?.correlationId ?? randomUUID(),
      cause: context?.cause,
      actor: ssoActor(providerId),
    },
    work,
  );
}

/**
 * A refused sign-in before any user is known: recorded on the provider, or on the attempt (the hash of its
 * state) when not even the provider is known.
 */
export function auditSsoFailure(
  tx: SqlTransactionScope,
  on: { providerId: string } | { stateHash: string },
  details: Record<string, unknown>,
): void {
  const [objectType, objectId] =
    'providerId' in on ? ['oidc-provider', on.providerId] : ['oidc-login', on.stateHash];
  tx.audit({
    objectType,
    objectId,
    action: 'login.failed',
    changes: Object.fromEntries(
      Object.entries({ method: 'oidc', ...details }).map(([k, v]) => [k, { before: null, after: v }]),
    ),
  });
}

/** A sign-in of a known user, recorded on the user like a local login (auth-events.ts), marked `oidc`. */
export function auditSsoUser(
  tx: SqlTransactionScope,
  userId: string,
  action: 'login.succeeded' | 'login.failed',
  details: Record<string, unknown>,
): void {
  tx.audit({
    objectType: 'user',
    objectId: userId,
    action,
    changes: Object.fromEntries(Object.entries(details).map(([k, v]) => [k, { before: null, after: v }])),
  });
}
