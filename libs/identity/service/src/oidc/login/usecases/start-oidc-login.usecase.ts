import { Inject, Injectable } from '@nestjs/common';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../../identity.config';
import { IDENTITY_SCHEMA } from '../../../identity.constants';
import { sha256Hex } from '../../../security/opaque-token';
import { SecretBox } from '../../../security/secret-box';
import { oidcRedirectUri } from '../../oidc.config';
import { OidcErrors } from '../../oidc.errors';
import { OidcProviderRepository } from '../../providers/oidc-provider.repository';
import { newBinding } from '../browser-binding';
import { OidcClients } from '../oidc-clients';
import { OidcLoginAttemptRepository } from '../oidc-login-attempt.repository';
import { openIdClient } from '../openid-client';

export const codeVerifierContext = (stateHash: string) => `oidc-attempt:${stateHash}`;

export interface StartedOidcLogin {
  authorizationUrl: string;
  /** The browser binding to set as a cookie (the one the browser sent, or a new one). */
  binding: string;
}

/**
 * The redirect to the provider: authorization code flow with PKCE (S256), a state and a nonce. State, nonce,
 * verifier and returnTo stay in the database (oidc_login_attempt), never in the browser (ADR 0010).
 */
@Injectable()
export class StartOidcLoginUseCase {
  private readonly box: SecretBox;

  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly clients: OidcClients,
  ) {
    this.box = new SecretBox(config.IDENTITY_KEY_ENCRYPTION_KEY);
  }

  async execute(input: {
    providerId: string;
    returnTo: string;
    binding: string | undefined;
  }): Promise<StartedOidcLogin> {
    const redirectUri = oidcRedirectUri(this.config.IDENTITY_PUBLIC_URL);
    if (redirectUri === null) throw OidcErrors.OIDC_NOT_CONFIGURED();
    const provider = await new OidcProviderRepository(this.uow.sqlReader(), IDENTITY_SCHEMA).find(
      input.providerId,
    );
    if (!provider?.enabled) throw OidcErrors.OIDC_PROVIDER_DISABLED();
    const configuration = await this.clients.configurationFor(provider);
    const client = await openIdClient();

    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    const binding = input.binding ?? newBinding();
    const stateHash = sha256Hex(state);
    const now = new Date();
    await this.uow.runSql(async (tx) => {
      const attempts = new OidcLoginAttemptRepository(tx.sql, IDENTITY_SCHEMA);
      await attempts.purgeOld(now);
      await attempts.insert(
        {
          stateHash,
          providerId: provider.id,
          nonce,
          sealedCodeVerifier: this.box.seal(verifier, codeVerifierContext(stateHash)),
          returnTo: input.returnTo,
          browserBindingHash: sha256Hex(binding),
        },
        now,
      );
    });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: provider.scopes.join(' '),
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl: url.href, binding };
  }
}
