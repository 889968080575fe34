import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SqlTransactionScope } from '@steerco/platform-persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { TokenIssuer } from '../keys/token-issuer';
import { newOpaqueToken } from '../security/opaque-token';
import type { UserAccount } from '../users/user.entity';
import { RefreshTokenRepository } from './refresh-token.repository';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/**
 * Issues the access token and the next refresh token of a session, inside the caller's transaction (an ORM
 * one or a plain SQL one: only SQL is written).
 */
@Injectable()
export class SessionStarter {
  constructor(
    private readonly issuer: TokenIssuer,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** A new session (a login): a new refresh-token family with its absolute end. */
  start(tx: SqlTransactionScope, user: UserAccount, amr: string[], now: Date): Promise<TokenPair> {
    const familyExpiresAt = new Date(now.getTime() + this.config.IDENTITY_SESSION_MAX_DAYS * 86_400_000);
    return this.continue(tx, user, { familyId: randomUUID(), familyExpiresAt, amr }, now);
  }

  /** The next token of an existing family (a refresh); the family keeps its end and its `amr`. */
  async continue(
    tx: SqlTransactionScope,
    user: UserAccount,
    session: { familyId: string; familyExpiresAt: Date; amr: string[] },
    now: Date,
  ): Promise<TokenPair> {
    const { token, hash } = newOpaqueToken();
    const idleEnd = now.getTime() + this.config.IDENTITY_REFRESH_TOKEN_TTL_HOURS * 3_600_000;
    await new RefreshTokenRepository(tx.sql, IDENTITY_SCHEMA).insert({
      id: randomUUID(),
      familyId: session.familyId,
      userId: user.id,
      hash,
      amr: session.amr,
      createdAt: now,
      expiresAt: new Date(Math.min(idleEnd, session.familyExpiresAt.getTime())),
      familyExpiresAt: session.familyExpiresAt,
    });
    const accessToken = await this.issuer.issue(
      {
        userId: user.id,
        email: user.email,
        displayName: user.displayName,
        amr: session.amr,
        sessionId: session.familyId,
      },
      now,
    );
    return { accessToken, refreshToken: token, expiresIn: this.issuer.ttlSeconds };
  }
}
