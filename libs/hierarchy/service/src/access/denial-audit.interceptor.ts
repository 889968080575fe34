import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../hierarchy.constants';
import { denialOf } from './node-permissions';

/**
 * Writes every refused authorization to the audit trail (domain §6, §7), in a transaction of its own since
 * the refused change rolled back. Each refusal is a record of its own (object `authorization-denial`, a
 * fresh id): nothing locks a chain of refusals, so they are not chained to each other.
 */
@Injectable()
export class DenialAuditInterceptor implements NestInterceptor {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const facts = denialOf(error);
        if (!facts) return throwError(() => error);
        const request = execution.switchToHttp().getRequest<FastifyRequest>();
        const record = this.uow.runSql(async (tx) => {
          tx.audit({
            objectType: 'authorization-denial',
            objectId: uuidv7(),
            action: 'denied',
            newObject: true,
            changes: {
              request: {
                before: null,
                after: `${request.method} ${request.routeOptions.url ?? request.url}`,
              },
              ...Object.fromEntries(
                Object.entries(facts).map(([field, value]) => [field, { before: null, after: value }]),
              ),
            },
          });
        });
        return from(record).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
