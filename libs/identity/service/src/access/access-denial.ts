import type { AppError } from '@steerco/platform-errors';
import type { UnitOfWork } from '@steerco/platform-persistence';

const DENIAL = Symbol.for('steerco.identity.accessDenial');

/** What a refused authorization records in the audit trail (domain §7: denied authorizations are audited). */
export interface AccessDenial {
  callerId: string;
  /** What was attempted, e.g. `assignment.grant` or `user.read`. */
  operation: string;
  /** The object it was attempted on, when there is one. */
  target?: string;
  reason: string;
}

/**
 * Marks an error as an authorization refusal. The refusal is thrown out of the use case's transaction (which
 * rolls back), and DenialAuditInterceptor writes its audit record in a transaction of its own.
 */
export function denied(error: AppError, denial: AccessDenial): AppError {
  Object.defineProperty(error, DENIAL, { value: denial, enumerable: false });
  return error;
}

export function denialOf(error: unknown): AccessDenial | undefined {
  return typeof error === 'object' && error !== null
    ? ((error as Record<symbol, AccessDenial | undefined>)[DENIAL] ?? undefined)
    : undefined;
}

/**
 * The audit record of a refused authorization, in a transaction of its own. Also for refusals thrown
 * before interceptors run (guards).
 */
export function recordDenial(uow: UnitOfWork, denial: AccessDenial): Promise<void> {
  return uow.runSql(async (tx) => {
    tx.audit({
      objectType: 'authorization',
      objectId: denial.callerId,
      action: 'denied',
      changes: {
        operation: { before: null, after: denial.operation },
        target: { before: null, after: denial.target ?? null },
        reason: { before: null, after: denial.reason },
      },
    });
  });
}
