import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { PLATFORM_CONFIG, type PlatformConfig } from '@steerco/platform-nest';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { KeyStore, SIGNING_ALGORITHM } from './key-store';

export interface AccessTokenSubject {
  userId: string;
  email: string;
  displayName: string;
  /** RFC 8176 methods of this login: what authorization checks "MFA required" against. */
  amr: string[];
  /** The refresh-token family: one login session. */
  sessionId: string;
}

/** Signs access tokens (RFC 9068 shape) for AUTH_ISSUER and AUTH_AUDIENCE, which every service checks. */
@Injectable()
export class TokenIssuer {
  constructor(
    private readonly keys: KeyStore,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.IDENTITY_ACCESS_TOKEN_TTL_SECONDS;
  }

  async issue(subject: AccessTokenSubject, now = new Date()): Promise<string> {
    const key = await this.keys.signingKey(now);
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({
      email: subject.email,
      name: subject.displayName,
      amr: subject.amr,
      sid: subject.sessionId,
    })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'at+jwt' })
      .setSubject(subject.userId)
      .setIssuer(this.platform.AUTH_ISSUER)
      .setAudience(this.platform.AUTH_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
  }
}
