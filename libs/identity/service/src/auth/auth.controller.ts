import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Operation, Public, ZodPipe } from '@steerco/platform-nest';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { answer } from './auth-answer';
import { clientAddressOf } from './client-address';
import {
  acceptInvitationSchema,
  enrolmentResponseSchema,
  loginResponseSchema,
  loginSchema,
  mfaEnrolSchema,
  mfaVerifyResponseSchema,
  mfaVerifySchema,
  refreshSchema,
  tokenPairSchema,
  type AcceptInvitationInput,
  type LoginInput,
  type MfaVerifyInput,
  type RefreshInput,
} from './dto/auth.dto';
import { AcceptInvitationUseCase } from './usecases/accept-invitation.usecase';
import { LoginUseCase } from './usecases/login.usecase';
import { LogoutUseCase } from './usecases/logout.usecase';
import { RefreshSessionUseCase } from './usecases/refresh-session.usecase';
import { StartMfaEnrolmentUseCase } from './usecases/start-mfa-enrolment.usecase';
import { VerifyMfaUseCase } from './usecases/verify-mfa.usecase';

const THROTTLED = { 429: 'Too many failures; Retry-After says when to try again (IDENTITY.LOGIN_THROTTLED)' };

/** How a session starts, continues and ends. Public: these routes are how a caller gets a token. */
@Public()
@Controller('api/identity/auth')
export class AuthController {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly login: LoginUseCase,
    private readonly verifyMfa: VerifyMfaUseCase,
    private readonly startEnrolment: StartMfaEnrolmentUseCase,
    private readonly refreshSession: RefreshSessionUseCase,
    private readonly logout: LogoutUseCase,
    private readonly acceptInvitation: AcceptInvitationUseCase,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Operation({
    summary: 'Log in with e-mail and password',
    description:
      'Answers tokens, or the next step: a second factor (mfaRequired) or a forced password change. ' +
      'Wrong e-mail and wrong password get the same 401.',
    body: loginSchema,
    response: { schema: loginResponseSchema },
    problems: { 401: 'Wrong e-mail or password (IDENTITY.INVALID_CREDENTIALS)', ...THROTTLED },
  })
  async logIn(
    @Body(new ZodPipe(loginSchema)) body: LoginInput,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(await this.login.execute(body, clientAddressOf(request, this.config)), reply);
  }

  @Post('mfa/verify')
  @HttpCode(200)
  @Operation({
    summary: 'Finish a login with a TOTP code or a recovery code',
    body: mfaVerifySchema,
    response: { schema: mfaVerifyResponseSchema },
    problems: {
      401: 'Wrong or replayed code (IDENTITY.MFA_CODE_INVALID), or an unknown or used mfaToken (IDENTITY.TICKET_INVALID)',
      ...THROTTLED,
    },
  })
  async verify(
    @Body(new ZodPipe(mfaVerifySchema)) body: MfaVerifyInput,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(await this.verifyMfa.execute(body, clientAddressOf(request, this.config)), reply);
  }

  @Post('mfa/enrol')
  @HttpCode(200)
  @Operation({
    summary: 'Set up TOTP during a login that requires it (mfaEnrolmentRequired)',
    body: mfaEnrolSchema,
    response: { schema: enrolmentResponseSchema },
    problems: { 401: 'Unknown or used mfaToken (IDENTITY.TICKET_INVALID)' },
  })
  enrol(@Body(new ZodPipe(mfaEnrolSchema)) body: { mfaToken: string }) {
    return this.startEnrolment.execute(body.mfaToken);
  }

  @Post('refresh')
  @HttpCode(200)
  @Operation({
    summary: 'Exchange a refresh token for new tokens (the old one stops working)',
    body: refreshSchema,
    response: { schema: tokenPairSchema },
    problems: { 401: 'Unknown, expired, revoked or reused token (IDENTITY.REFRESH_TOKEN_INVALID)' },
  })
  async refresh(
    @Body(new ZodPipe(refreshSchema)) body: RefreshInput,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(
      await this.refreshSession.execute(body.refreshToken, clientAddressOf(request, this.config)),
      reply,
    );
  }

  @Post('logout')
  @HttpCode(204)
  @Operation({
    summary: 'End the session of a refresh token',
    body: refreshSchema,
    response: { status: 204 },
  })
  async logOut(@Body(new ZodPipe(refreshSchema)) body: RefreshInput, @Req() request: FastifyRequest) {
    await this.logout.execute(body.refreshToken, clientAddressOf(request, this.config));
  }

  @Post('invitation/accept')
  @HttpCode(204)
  @Operation({
    summary: 'Accept an invitation: set a password and become active',
    body: acceptInvitationSchema,
    response: { status: 204 },
    problems: {
      401: 'Unknown, used or expired invitation (IDENTITY.TICKET_INVALID)',
      422: 'Password policy (IDENTITY.PASSWORD_REJECTED)',
    },
  })
  async accept(@Body(new ZodPipe(acceptInvitationSchema)) body: AcceptInvitationInput) {
    await this.acceptInvitation.execute(body.invitationToken, body.password);
  }
}
