import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Principal } from './principal';

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
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.key as never, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
      });
      if (this.options.refuseDevelopmentKeys && protectedHeader.kid?.startsWith(DEV_KEY_ID_PREFIX)) {
        throw new TokenRejectedError('development keys are not accepted in production');
      }
      return {
        userId: String(payload.sub),
        tokenId: typeof payload.jti === 'string' ? payload.jti : undefined,
        email: typeof payload['email'] === 'string' ? payload['email'] : undefined,
        name: typeof payload['name'] === 'string' ? payload['name'] : undefined,
      };
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
