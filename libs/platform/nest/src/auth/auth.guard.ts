import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { TokenRejectedError } from '@steerco/platform-auth';
import { PlatformErrors } from '@steerco/platform-errors';
import { TOKEN_VERIFIER } from '../core/tokens';
import type { AccessTokenVerifier } from './access-token-verifier';
import { requestState } from '../http/request-state';
import { IS_PUBLIC } from './public.decorator';

/** Default deny: every route needs a valid bearer token unless it is explicitly @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (isPublic) return true;
    const request = execution.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_\-.=]+)$/i.exec(header.trim()) : null;
    if (!match) throw PlatformErrors.UNAUTHENTICATED('Send a bearer access token.');
    try {
      const principal = await this.verifier.verify(match[1]);
      const state = requestState(request);
      if (state) state.principal = principal;
      return true;
    } catch (error) {
      const reason = error instanceof TokenRejectedError ? error.message : 'token could not be verified';
      throw PlatformErrors.UNAUTHENTICATED(`The access token was refused: ${reason}.`);
    }
  }
}
