import { Body, Controller, Delete, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '@steerco/platform-auth';
import { CurrentPrincipal, Operation, ZodPipe } from '@steerco/platform-nest';
import { AccessService } from '../access/access.service';
import { Caller, type CallerRef } from '../access/caller.decorator';
import { DenialAuditInterceptor } from '../access/denial-audit.interceptor';
import { enrolmentResponseSchema } from '../auth/dto/auth.dto';
import { assertMayAdminister, assertUserVisible } from '../users/user-access';
import { UserQueries } from '../users/user.queries';
import { userIdParamsSchema, userIdSchema, userResponseSchema } from '../users/dto/user.dto';
import { ResetMfaUseCase } from './usecases/reset-mfa.usecase';
import { SelfEnrolmentUseCase } from './usecases/self-enrolment.usecase';

const confirmSchema = z.strictObject({ code: z.string().trim().min(6).max(10) });
const recoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).describe('Ten single-use codes, shown this once; store them offline'),
});

@Controller('api/identity/users/:id/mfa')
@UseInterceptors(DenialAuditInterceptor)
export class MfaController {
  constructor(
    private readonly access: AccessService,
    private readonly users: UserQueries,
    private readonly selfEnrolment: SelfEnrolmentUseCase,
    private readonly resetMfa: ResetMfaUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Operation({
    summary: 'Start setting up TOTP for your own account',
    params: userIdParamsSchema,
    response: { status: 201, schema: enrolmentResponseSchema },
    problems: {
      403: 'Not your own account (IDENTITY.NOT_YOUR_ACCOUNT)',
      409: 'Already set up (IDENTITY.MFA_ALREADY_ENROLLED)',
    },
  })
  start(@Param('id', new ZodPipe(userIdSchema)) id: string, @CurrentPrincipal() caller: Principal) {
    return this.selfEnrolment.start(caller.userId, id);
  }

  @Post('confirm')
  @HttpCode(200)
  @Operation({
    summary: 'Confirm the set-up with a first code; answers the recovery codes',
    params: userIdParamsSchema,
    body: confirmSchema,
    response: { schema: recoveryCodesSchema },
    problems: {
      403: 'Not your own account (IDENTITY.NOT_YOUR_ACCOUNT)',
      409: 'No set-up waiting (IDENTITY.MFA_NOT_PENDING)',
      422: 'Wrong code (IDENTITY.MFA_CONFIRMATION_FAILED)',
    },
  })
  confirm(
    @Param('id', new ZodPipe(userIdSchema)) id: string,
    @Body(new ZodPipe(confirmSchema)) body: { code: string },
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.selfEnrolment.confirm(caller.userId, id, body.code);
  }

  @Delete()
  @HttpCode(200)
  @Operation({
    summary: "Reset a user's second factor and recovery codes (administrators; audited)",
    params: userIdParamsSchema,
    response: { schema: userResponseSchema },
    problems: {
      403: 'Needs manage-roles somewhere, or a platform admin (PLATFORM.FORBIDDEN)',
      404: 'No such user, or no second factor (IDENTITY.USER_NOT_FOUND, IDENTITY.MFA_NOT_ENROLLED)',
    },
  })
  async reset(@Caller() caller: CallerRef, @Param('id', new ZodPipe(userIdSchema)) id: string) {
    const access = await this.access.forCaller(caller);
    assertUserVisible(access, id, 'user.mfa-reset');
    assertMayAdminister(access, await this.users.get(id), 'user.mfa-reset');
    return this.resetMfa.execute(id);
  }
}
