import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@steerco/platform-auth';
import { PlatformErrors } from '@steerco/platform-errors';
import { requestState } from '../http/request-state';

/** The authenticated caller of the current request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): Principal => {
    const principal = requestState(execution.switchToHttp().getRequest<object>())?.principal;
    if (!principal) throw PlatformErrors.UNAUTHENTICATED();
    return principal;
  },
);
