import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '@steerco/platform-errors';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { runAsAnonymous, type AuthOutcome } from '../../../auth/auth-events';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../../identity.config';
import { IDENTITY_SCHEMA } from '../../../identity.constants';
import { PasswordHasher } from '../../../security/password-hasher';
import { sha256Hex } from '../../../security/opaque-token';
import { SecretBox } from '../../../security/secret-box';
import { SessionStarter, type TokenPair } from '../../../sessions/session-starter';
import { applyGroupMappings } from '../../groups/apply-group-mappings';
import { SsoAssignmentGranting } from '../../groups/sso-assignment-granting';
import { oidcRedirectUri } from '../../oidc.config';
import { OidcErrors } from '../../oidc.errors';
import { OidcProviderRepository, type OidcProviderRecord } from '../../providers/oidc-provider.repository';
import { describeError, OidcClients } from '../oidc-clients';
import { OidcLoginAttemptRepository, type OidcLoginAttempt } from '../oidc-login-attempt.repository';
import { openIdClient } from '../openid-client';
import { auditSsoFailure, auditSsoUser, runAsSso } from '../sso-audit';
import { readSsoClaims, type SsoClaims } from '../sso-claims';
import { resolveSsoUser } from '../sso-user-resolver';
import { codeVerifierContext } from './start-oidc-login.usecase';

export type SsoLoginAnswer = TokenPair & { returnTo: string };
type Refusal = { kind: 'refused'; error: AppError };

/**
 * The callback: the attempt is consumed first, in a transaction of its own, so a replayed state is refused
 * even when everything after it fails; the code exchange and UserInfo run outside any transaction; the user,
 * the group mappings, the audit record and the session are then one transaction. Refusals are returned (and
 * their audit records committed); local TOTP is not asked for, the provider is trusted for MFA (ADR 0010).
 */
@Injectable()
export class CompleteOidcLoginUseCase {
  private readonly box: SecretBox;

  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly clients: OidcClients,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionStarter,
    private readonly granting: SsoAssignmentGranting,
  ) {
    this.box = new SecretBox(config.IDENTITY_KEY_ENCRYPTION_KEY);
  }

  execute(
    input: { query: URLSearchParams; binding: string | undefined },
    address: string,
  ): Promise<AuthOutcome<SsoLoginAnswer>> {
    return runAsAnonymous(async () => {
      const redirectUri = oidcRedirectUri(this.config.IDENTITY_PUBLIC_URL);
      if (redirectUri === null) throw OidcErrors.OIDC_NOT_CONFIGURED();
      const attempt = await this.consumeAttempt(input, address);
      if ('kind' in attempt) return attempt;
      const provider = await new OidcProviderRepository(this.uow.sqlReader(), IDENTITY_SCHEMA).find(
        attempt.providerId,
      );
      if (!provider?.enabled) {
        return this.refuse(
          { providerId: attempt.providerId },
          address,
          'provider disabled',
          OidcErrors.OIDC_PROVIDER_DISABLED(),
        );
      }
      let claims: SsoClaims;
      try {
        claims = await this.exchange(provider, attempt, redirectUri, input.query);
      } catch (error) {
        const refusal = error instanceof AppError ? error : OidcErrors.OIDC_LOGIN_FAILED();
        return this.refuse({ providerId: provider.id }, address, describeError(error), refusal);
      }
      return runAsSso(provider.id, () => this.signIn(provider, claims, attempt.returnTo, address));
    });
  }

  private async consumeAttempt(
    input: { query: URLSearchParams; binding: string | undefined },
    address: string,
  ): Promise<OidcLoginAttempt | Refusal> {
    const state = input.query.get('state') ?? '';
    const stateHash = sha256Hex(state);
    const attempt = await this.uow.runSql(async (tx) => {
      const found = await new OidcLoginAttemptRepository(tx.sql, IDENTITY_SCHEMA).consume(
        stateHash,
        sha256Hex(input.binding ?? ''),
        new Date(),
      );
      if (!found) {
        auditSsoFailure(tx, { stateHash }, { address, reason: 'unknown, expired, used or foreign state' });
      }
      return found;
    });
    return attempt ?? { kind: 'refused', error: OidcErrors.OIDC_STATE_INVALID() };
  }

  /** openid-client checks state, issuer, audience, signature (provider's JWKS), expiry, nonce and PKCE. */
  private async exchange(
    provider: OidcProviderRecord,
    attempt: OidcLoginAttempt,
    redirectUri: string,
    query: URLSearchParams,
  ): Promise<SsoClaims> {
    const configuration = await this.clients.configurationFor(provider);
    const client = await openIdClient();
    const callbackUrl = new URL(`${redirectUri}?${query.toString()}`);
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: this.box.open(attempt.sealedCodeVerifier, codeVerifierContext(attempt.stateHash)),
      expectedState: query.get('state') ?? '',
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw OidcErrors.OIDC_LOGIN_FAILED('The provider returned no ID token.');
    // Many providers put e-mail and groups only in the UserInfo answer when an access token comes along.
    const userInfo = configuration.serverMetadata().userinfo_endpoint
      ? await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
      : {};
    return readSsoClaims(idToken, userInfo, provider.groupClaim);
  }

  /**
   * Two transactions: finding or creating the user (the ORM's, for the user aggregate), then the groups, the
   * audit record and the session (plain SQL, as the assignments feature writes). A user created just in time
   * stays created if the second fails; the next sign-in finds them.
   */
  private async signIn(
    provider: OidcProviderRecord,
    claims: SsoClaims,
    returnTo: string,
    address: string,
  ): Promise<AuthOutcome<SsoLoginAnswer>> {
    const details = { address, method: 'oidc', providerId: provider.id, subject: claims.subject };
    const resolved = await this.uow.run(async (tx) => {
      const found = await resolveSsoUser(tx, this.hasher, provider.id, claims, new Date());
      if (found.kind === 'no-verified-email') {
        auditSsoFailure(
          tx,
          { providerId: provider.id },
          {
            ...details,
            reason: 'no linked identity and no verified e-mail address',
          },
        );
      }
      return found;
    });
    if (resolved.kind === 'no-verified-email') {
      return {
        kind: 'refused',
        error: OidcErrors.OIDC_LOGIN_FAILED('The provider gave no verified e-mail address.'),
      };
    }
    const { user, linkedBy } = resolved;
    return this.uow.runSql(async (tx) => {
      const now = new Date();
      // Read again under lock: an admin may have disabled the user since the first transaction.
      const [current] = await tx.sql.query<{ status: string }>(
        `select status from "${IDENTITY_SCHEMA}".user_account where id = $1 for update`,
        [user.id],
      );
      if (current?.status !== 'active') {
        auditSsoUser(tx, user.id, 'login.failed', { ...details, reason: `user ${current?.status}` });
        return { kind: 'refused', error: OidcErrors.OIDC_USER_REFUSED() } as const;
      }
      const applied = await applyGroupMappings(
        tx,
        this.granting,
        { providerId: provider.id, userId: user.id, groups: claims.groups },
        now,
      );
      auditSsoUser(tx, user.id, 'login.succeeded', {
        ...details,
        linkedBy,
        amr: claims.amr,
        groups: claims.groups,
        ...applied,
      });
      const tokens = await this.sessions.start(tx, user, claims.amr, now);
      return { kind: 'done', value: { ...tokens, returnTo } } as const;
    });
  }

  private async refuse(
    on: { providerId: string },
    address: string,
    reason: string,
    error: AppError,
  ): Promise<Refusal> {
    await this.uow.runSql(async (tx) => auditSsoFailure(tx, on, { address, reason }));
    return { kind: 'refused', error };
  }
}
