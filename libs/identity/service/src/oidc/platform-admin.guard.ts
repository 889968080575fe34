import { isUuid } from '@steerco/contracts';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { InjectUnitOfWork, PlatformErrors, requestState } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { recordDenial } from '../access/access-denial';
import { UserRepository } from '../users/user.repository';
import { OidcErrors } from './oidc.errors';

/**
 * Single sign-on configuration decides who may become whom and which roles they get: platform
 * administrators only, read from the user row at each request (a revoked flag takes effect at once, not at
 * token expiry). The general authorization of identity routes is built beside this; this guard stays as the
 * rule for these routes. A guard runs before the interceptors, so it audits its own refusals.
 */
@Injectable()
export class PlatformAdminGuard implements CanActivate {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const principal = requestState(execution.switchToHttp().getRequest<object>())?.principal;
    if (!principal) throw PlatformErrors.UNAUTHENTICATED();
    const request = execution
      .switchToHttp()
      .getRequest<{ method?: string; routeOptions?: { url?: string } }>();
    const refuse = async (reason: string) => {
      await recordDenial(this.uow, {
        callerId: principal.userId,
        operation: `${request.method ?? '?'} ${request.routeOptions?.url ?? '?'}`,
        reason,
      });
      return OidcErrors.PLATFORM_ADMIN_REQUIRED();
    };
    // A development token's subject need not be a user id at all.
    if (!isUuid(principal.userId)) throw await refuse('caller is not a user');
    const user = await new UserRepository(this.uow.reader(), IDENTITY_SCHEMA).findById(principal.userId);
    if (!user || user.status !== 'active') throw await refuse('caller is not an active user');
    if (!user.platformAdmin) throw await refuse('caller is not a platform admin');
    return true;
  }
}
