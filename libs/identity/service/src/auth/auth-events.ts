import { randomUUID } from 'node:crypto';
import type { AppError } from '@steerco/platform-errors';
import { currentContext, runWithContext } from '@steerco/platform-observability';
import type { TransactionScope } from '@steerco/platform-persistence';
import type { TokenPair } from '../sessions/session-starter';
import { sha256Hex } from '../security/opaque-token';

/** Who acts before a login completed: the audit records name the account in objectId and the address. */
export const ANONYMOUS_ACTOR = 'anonymous';

/**
 * What an authentication command ends in. Refusals are returned, not thrown, so that what they record (the
 * failure count, the audit record, a revoked token family) commits; the controller throws afterwards.
 */
export type AuthOutcome<T = TokenPair> =
  | { kind: 'done'; value: T }
  | { kind: 'throttled'; retryAfterMs: number }
  | { kind: 'refused'; error: AppError };

export function runAsAnonymous<T>(work: () => Promise<T>): Promise<T> {
  const context = currentContext();
  return runWithContext(
    {
      correlationId: context?.correlationId ?? randomUUID(),
      cause: context?.cause,
      actor: ANONYMOUS_ACTOR,
    },
    work,
  );
}

/**
 * Audits an authentication event. Attempts on an e-mail that has no account are recorded under a hash of the
 * address rather than the address itself: people type passwords into the e-mail field.
 */
export function auditAuthentication(
  tx: TransactionScope,
  subject: { userId: string } | { unknownEmail: string },
  action: string,
  details: Record<string, unknown>,
): void {
  const [objectType, objectId] =
    'userId' in subject ? ['user', subject.userId] : ['unknown-account', sha256Hex(subject.unknownEmail)];
  tx.audit({
    objectType,
    objectId,
    action,
    changes: Object.fromEntries(Object.entries(details).map(([k, v]) => [k, { before: null, after: v }])),
  });
}
