import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import { currentContext, runWithContext } from '@steerco/platform-observability';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { denialOf, type AccessDenial } from './access-denial';

/** Writes the audit record of every refused authorization of the controller it decorates, then rethrows. */
@Injectable()
export class DenialAuditInterceptor implements NestInterceptor {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  intercept(_execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Captured here, inside the request context, because RxJS callbacks may run outside it.
    const context = currentContext();
    return next.handle().pipe(
      catchError((error: unknown) => {
        const denial = denialOf(error);
        if (!denial) return throwError(() => error);
        const record = () => this.record(denial);
        return from(context ? runWithContext(context, record) : record()).pipe(
          mergeMap(() => throwError(() => error)),
        );
      }),
    );
  }

  private record(denial: AccessDenial): Promise<void> {
    return recordDenial(this.uow, denial);
  }
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
