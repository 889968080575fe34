import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import { currentContext, runWithContext } from '@steerco/platform-observability';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { denialOf, recordDenial } from './access-denial';

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
        const record = () => recordDenial(this.uow, denial);
        return from(context ? runWithContext(context, record) : record()).pipe(
          mergeMap(() => throwError(() => error)),
        );
      }),
    );
  }
}
