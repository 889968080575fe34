import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@steerco/platform-auth';
import { PlatformErrors, requestState } from '@steerco/platform-nest';

/** The verified caller and their bearer token (whose `amr` claim says whether the session passed MFA). */
export interface CallerRef {
  principal: Principal;
  authorization?: string;
}

export const Caller = createParamDecorator((_data: unknown, execution: ExecutionContext): CallerRef => {
  const request = execution.switchToHttp().getRequest<FastifyRequest>();
  const principal = requestState(request)?.principal;
  if (!principal) throw PlatformErrors.UNAUTHENTICATED();
  const header = request.headers.authorization;
  return { principal, authorization: typeof header === 'string' ? header : undefined };
});
