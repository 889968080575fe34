import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TokenRejectedError } from '@steerco/platform-auth';
import {
  type AccessTokenVerifier,
  Operation,
  PlatformErrors,
  Public,
  TOKEN_VERIFIER,
  ZodPipe,
} from '@steerco/platform-nest';
import { AccessService } from '../access/access.service';
import { Caller, type CallerRef } from '../access/caller.decorator';
import { answer } from '../auth/auth-answer';
import { clientAddressOf } from '../auth/client-address';
import { ChangePasswordUseCase, type PasswordChangeProof } from '../auth/usecases/change-password.usecase';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { passwordField } from '../users/dto/user.dto';
import { meResponseSchema } from './me.dto';
import { MeQueries } from './me.queries';

const changePasswordSchema = z.union([
  z.strictObject({ currentPassword: passwordField, newPassword: passwordField }),
  z.strictObject({ passwordChangeToken: z.string().min(1).max(200), newPassword: passwordField }),
]);
type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** The caller's own account. */
@Controller('api/identity/me')
export class MeController {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
    private readonly access: AccessService,
    private readonly queries: MeQueries,
    private readonly changePassword: ChangePasswordUseCase,
  ) {}

  @Get()
  @Operation({
    summary:
      'Your profile, your effective permissions (packed CASL rules and their nodes) and your assignments',
    response: { schema: meResponseSchema },
  })
  async me(@Caller() caller: CallerRef) {
    return this.queries.get(await this.access.forCaller(caller));
  }

  /**
   * Public at the guard, because the forced change at the first login happens before there is a session: the
   * passwordChangeToken from the login answer proves the caller then. Otherwise the caller proves themselves
   * as everywhere, with a bearer token, plus the current password.
   */
  @Public()
  @Post('password')
  @HttpCode(204)
  @Operation({
    summary:
      'Change your password: with a bearer token and the current password, or with a passwordChangeToken',
    body: changePasswordSchema,
    response: { status: 204 },
    problems: {
      401: 'No valid proof (PLATFORM.UNAUTHENTICATED, IDENTITY.INVALID_CREDENTIALS, IDENTITY.TICKET_INVALID)',
      422: 'Password policy (IDENTITY.PASSWORD_REJECTED)',
      429: 'Too many wrong current passwords (IDENTITY.LOGIN_THROTTLED)',
    },
  })
  async password(
    @Body(new ZodPipe(changePasswordSchema)) body: ChangePasswordInput,
    @Headers('authorization') authorization: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const proof: PasswordChangeProof =
      'passwordChangeToken' in body
        ? { kind: 'ticket', passwordChangeToken: body.passwordChangeToken }
        : {
            kind: 'session',
            userId: await this.bearerUserId(authorization),
            currentPassword: body.currentPassword,
          };
    answer(
      await this.changePassword.execute(proof, body.newPassword, clientAddressOf(request, this.config)),
      reply,
    );
  }

  private async bearerUserId(header: string | undefined): Promise<string> {
    const match = header ? /^Bearer ([A-Za-z0-9_\-.=]+)$/i.exec(header.trim()) : null;
    if (!match) throw PlatformErrors.UNAUTHENTICATED('Send a bearer access token, or a passwordChangeToken.');
    try {
      return (await this.verifier.verify(match[1])).userId;
    } catch (error) {
      const reason = error instanceof TokenRejectedError ? error.message : 'token could not be verified';
      throw PlatformErrors.UNAUTHENTICATED(`The access token was refused: ${reason}.`);
    }
  }
}
