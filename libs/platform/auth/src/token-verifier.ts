import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

/** Only asymmetric algorithms: never `none`, never an HMAC that a public key could be abused as a secret for. */
export const ALLOWED_ALGORITHMS = ['EdDSA', 'ES256', 'RS256', 'PS256'] as const;

/** Keys whose `kid` starts with this are development keys; production refuses tokens signed with them. */
export const DEV_KEY_ID_PREFIX = 'dev-';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  publicKeyPem?: string;
  refuseDevelopmentKeys: boolean;
  clockToleranceSeconds?: number;
  /** How many verified tokens to remember (0 turns the cache off). */
  cacheSize?: number;
  /** The clock, in milliseconds; tests move it. */
  now?: () => number;
}

export class TokenRejectedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenRejectedError';
  }
}

function algorithmsFor(key: KeyObject): string[] {
  switch (key.asymmetricKeyType) {
    case 'ed25519':
      return ['EdDSA'];
    case 'ec':
      return ['ES256'];
    case 'rsa':
      return ['RS256', 'PS256'];
    default:
      throw new Error(`unsupported public key type ${key.asymmetricKeyType}`);
  }
}

/**
 * Verifies bearer access tokens: signature with an allow-listed algorithm, `exp` and `nbf`, issuer, audience,
 * a subject. Keys come from a JWKS URL (the identity service, rotated keys by `kid`) or one PEM public key.
 */
export class TokenVerifier {
  private readonly key: JWTVerifyGetKey | KeyObject;
  private readonly algorithms: string[];
  private readonly verified: VerifiedTokenCache;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl), {
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      });
      this.algorithms = [...ALLOWED_ALGORITHMS];
    } else if (options.publicKeyPem) {
      const key = createPublicKey(options.publicKeyPem);
      this.key = key;
      this.algorithms = algorithmsFor(key);
    } else {
      throw new Error('a JWKS URL or a public key is required to verify tokens');
    }
    this.verified = new VerifiedTokenCache(options.cacheSize ?? 10_000, options.now ?? Date.now);
  }

  /**
   * A token verified before is answered from memory until its own `exp`: the same bearer token arrives
   * with every request of a session, and the signature check was 4 % of a write's CPU
   * (docs/benchmarks.md). Revocation does not depend on this: disabling a user is enforced through the
   * identity events, and access tokens live ten minutes.
   */
  async verify(token: string): Promise<Principal> {
    const cached = this.verified.get(token);
    if (cached) return cached;
    return this.verifySignature(token);
  }

  private async verifySignature(token: string): Promise<Principal> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.key as never, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
        currentDate: this.options.now ? new Date(this.options.now()) : undefined,
      });
      if (this.options.refuseDevelopmentKeys && protectedHeader.kid?.startsWith(DEV_KEY_ID_PREFIX)) {
        throw new TokenRejectedError('development keys are not accepted in production');
      }
      const principal: Principal = {
        userId: String(payload.sub),
        tokenId: typeof payload.jti === 'string' ? payload.jti : undefined,
        email: typeof payload['email'] === 'string' ? payload['email'] : undefined,
        name: typeof payload['name'] === 'string' ? payload['name'] : undefined,
      };
      this.verified.set(token, principal, (payload.exp as number) * 1000, (payload.nbf ?? 0) * 1000);
      return principal;
    } catch (error) {
      if (error instanceof TokenRejectedError) throw error;
      if (error instanceof errors.JOSEError) throw new TokenRejectedError(reasonOf(error));
      throw new TokenRejectedError('token could not be verified');
    }
  }
}

function reasonOf(error: errors.JOSEError): string {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return 'token expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `token claim invalid: ${(error as errors.JWTClaimValidationFailed).claim}`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'token algorithm not allowed';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'token signature invalid';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'token signed by an unknown key';
    default:
      return 'token invalid';
  }
}
