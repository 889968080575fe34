import { decodeProtectedHeader } from 'jose';
import {
  DEV_KEY_ID_PREFIX,
  loadOrCreateDevelopmentKeys,
  TokenVerifier,
  type Principal,
} from '@steerco/platform-auth';

/** What the guard needs of a verifier: the platform's TokenVerifier, or several combined. */
export type AccessTokenVerifier = Pick<TokenVerifier, 'verify'>;

/**
 * Outside production, tokens signed with the local development key (`npm run dev-token`, kid `dev-*`) keep
 * working beside the configured issuer (the identity service's JWKS), so local tools need no login. Every other
 * token goes to the configured verifier. The development key is read only when such a token arrives.
 */
export class DevelopmentFallbackVerifier implements AccessTokenVerifier {
  private development?: TokenVerifier;

  constructor(
    private readonly configured: TokenVerifier,
    private readonly options: { issuer: string; audience: string },
  ) {}

  verify(token: string): Promise<Principal> {
    if (!this.isDevelopmentToken(token)) return this.configured.verify(token);
    this.development ??= new TokenVerifier({
      ...this.options,
      publicKeyPem: loadOrCreateDevelopmentKeys().publicKeyPem,
      refuseDevelopmentKeys: false,
    });
    return this.development.verify(token);
  }

  private isDevelopmentToken(token: string): boolean {
    try {
      return decodeProtectedHeader(token).kid?.startsWith(DEV_KEY_ID_PREFIX) ?? false;
    } catch {
      return false;
    }
  }
}
