import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Operation, Public, ZodPipe } from '@steerco/platform-nest';
import { answer } from '../../auth/auth-answer';
import { clientAddressOf } from '../../auth/client-address';
import { tokenPairSchema } from '../../auth/dto/auth.dto';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { bindingFromCookieHeader, bindingSetCookie } from './browser-binding';
import { safeReturnTo } from './return-to';
import { tokenFragment, wantsJson } from './token-handoff';
import { CompleteOidcLoginUseCase } from './usecases/complete-oidc-login.usecase';
import { StartOidcLoginUseCase } from './usecases/start-oidc-login.usecase';

const loginQuerySchema = z.strictObject({
  provider: z.uuid(),
  returnTo: z.string().max(2000).optional().describe('A path on this site (default /); never another origin'),
});
type LoginQuery = z.infer<typeof loginQuerySchema>;

const NO_STORE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

/** Single sign-on through an OIDC provider (ADR 0010). Public: these routes are how a caller gets a token. */
@Public()
@Controller('api/identity/auth/oidc')
export class OidcLoginController {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly start: StartOidcLoginUseCase,
    private readonly complete: CompleteOidcLoginUseCase,
  ) {}

  @Get('login')
  @Operation({
    summary: 'Start a sign-in at an OIDC provider: 302 to its authorization endpoint',
    description:
      'Authorization code flow with PKCE (S256), state and nonce, kept server-side for ten minutes; sets an ' +
      'HttpOnly cookie tying the attempt to this browser.',
    query: loginQuerySchema,
    response: { status: 302, description: 'Location: the provider' },
    problems: {
      400: 'returnTo is not a path on this site (IDENTITY.OIDC_RETURN_TO_REFUSED)',
      404: 'No such enabled provider (IDENTITY.OIDC_PROVIDER_DISABLED)',
      502: 'The provider could not be reached (IDENTITY.OIDC_PROVIDER_UNREACHABLE)',
      503: 'IDENTITY_PUBLIC_URL is not set (IDENTITY.OIDC_NOT_CONFIGURED)',
    },
  })
  async logIn(
    @Query(new ZodPipe(loginQuerySchema)) query: LoginQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const returnTo = safeReturnTo(query.returnTo);
    const started = await this.start.execute({
      providerId: query.provider,
      returnTo,
      binding: bindingFromCookieHeader(request.headers.cookie),
    });
    const secure = this.config.IDENTITY_PUBLIC_URL?.startsWith('https:') ?? false;
    return reply
      .headers(NO_STORE)
      .header('set-cookie', bindingSetCookie(started.binding, secure))
      .redirect(started.authorizationUrl, 302);
  }

  @Get('callback')
  @Operation({
    summary: 'Where the provider sends the browser back: tokens, handed to returnTo',
    description:
      '302 to returnTo with accessToken, refreshToken and expiresIn in the URL fragment; with Accept: ' +
      'application/json, the same as a 200 JSON body (plus returnTo). The state is single-use.',
    response: { schema: tokenPairSchema.extend({ returnTo: z.string() }) },
    problems: {
      401: 'Unknown, expired, used or foreign state (IDENTITY.OIDC_STATE_INVALID), or the provider did not prove the user (IDENTITY.OIDC_LOGIN_FAILED)',
      403: 'The user is disabled (IDENTITY.OIDC_USER_REFUSED)',
    },
  })
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const outcome = await this.complete.execute(
      {
        query: new URL(request.url, 'http://callback.invalid').searchParams,
        binding: bindingFromCookieHeader(request.headers.cookie),
      },
      clientAddressOf(request, this.config),
    );
    const { returnTo, ...tokens } = answer(outcome, reply);
    reply.headers(NO_STORE);
    if (wantsJson(request.headers.accept)) return reply.status(200).send({ ...tokens, returnTo });
    const origin = new URL(this.config.IDENTITY_PUBLIC_URL as string).origin;
    return reply.redirect(`${origin}${returnTo}#${tokenFragment(tokens)}`, 302);
  }
}
