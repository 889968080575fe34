import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { SecretBox } from '../../security/secret-box';
import { OidcErrors } from '../oidc.errors';
import type { OidcProviderRecord } from '../providers/oidc-provider.repository';
import { clientSecretContext } from '../providers/provider.mapper';
import { openIdClient, type OidcConfiguration } from './openid-client';

/** Discovery documents and keys change rarely; a changed provider (new version) is rediscovered at once. */
const DISCOVERY_TTL_MS = 10 * 60_000;
const HTTP_TIMEOUT_SECONDS = 10;

interface Cached {
  version: number;
  loadedAt: number;
  configuration: Promise<OidcConfiguration>;
}

/**
 * openid-client configurations per provider: the discovery document (endpoints, issuer, JWKS URI) and the
 * client's credentials. openid-client then checks the ID token's signature against the provider's JWKS,
 * its issuer, audience, expiry and nonce, and the PKCE verifier at the token endpoint.
 */
@Injectable()
export class OidcClients {
  private readonly box: SecretBox;
  private readonly cache = new Map<string, Cached>();

  constructor(@Inject(IDENTITY_CONFIG) config: IdentityConfig) {
    this.box = new SecretBox(config.IDENTITY_KEY_ENCRYPTION_KEY);
  }

  async configurationFor(provider: OidcProviderRecord): Promise<OidcConfiguration> {
    const cached = this.cache.get(provider.id);
    if (cached && cached.version === provider.version && Date.now() - cached.loadedAt < DISCOVERY_TTL_MS) {
      return cached.configuration;
    }
    const configuration = this.discover(provider);
    this.cache.set(provider.id, { version: provider.version, loadedAt: Date.now(), configuration });
    // A failed discovery is not cached: the next sign-in tries again.
    configuration.catch(() => this.cache.delete(provider.id));
    return configuration;
  }

  private async discover(provider: OidcProviderRecord): Promise<OidcConfiguration> {
    const secret = this.box.open(provider.sealedClientSecret, clientSecretContext(provider.id));
    // http issuers exist only outside production (issuer-policy.ts refuses them there).
    const insecure = new URL(provider.issuerUrl).protocol === 'http:';
    const client = await openIdClient();
    try {
      return await client.discovery(
        new URL(provider.issuerUrl),
        provider.clientId,
        undefined,
        client.ClientSecretBasic(secret),
        { timeout: HTTP_TIMEOUT_SECONDS, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
      );
    } catch (error) {
      throw OidcErrors.OIDC_PROVIDER_UNREACHABLE(
        `Discovery at ${provider.issuerUrl} failed: ${describeError(error)}.`,
      );
    }
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
