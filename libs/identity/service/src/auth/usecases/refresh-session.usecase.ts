import { Injectable } from '@nestjs/common';
import { IdentityErrors, judgeRefreshToken } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { hashOpaqueToken } from '../../security/opaque-token';
import { RefreshTokenRepository } from '../../sessions/refresh-token.repository';
import { SessionStarter, type TokenPair } from '../../sessions/session-starter';
import { UserRepository } from '../../users/user.repository';
import { auditAuthentication, runAsAnonymous, type AuthOutcome } from '../auth-events';

@Injectable()
export class RefreshSessionUseCase {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly sessions: SessionStarter,
  ) {}

  /**
   * Exchanges a refresh token for a new access token and its successor. A token presented a second time
   * revokes its whole family, and that is audited: either the client or a thief holds a copy.
   */
  execute(refreshToken: string, address: string): Promise<AuthOutcome> {
    const refused = {
      kind: 'refused',
      error: IdentityErrors.REFRESH_TOKEN_INVALID('Log in again.'),
    } as const;
    return runAsAnonymous(() =>
      this.uow.run(async (tx) => {
        const now = new Date();
        const hash = hashOpaqueToken(refreshToken);
        const tokens = new RefreshTokenRepository(tx.sql, IDENTITY_SCHEMA);
        const peek = await tokens.findByHash(hash);
        const user = peek && (await new UserRepository(tx.em, IDENTITY_SCHEMA).findForUpdate(peek.userId));
        const token = user && (await tokens.findByHashForUpdate(hash));
        if (!user || !token) return refused;

        const verdict = judgeRefreshToken(token, now);
        if (verdict === 'reused') {
          const revoked = await tokens.revokeFamily(token.familyId, now, 'refresh token reused');
          auditAuthentication(tx, { userId: user.id }, 'session.refresh-token-reused', {
            address,
            sessionId: token.familyId,
            tokensRevoked: revoked,
          });
          return refused;
        }
        if (verdict !== 'valid') return refused;
        if (user.status !== 'active') {
          await tokens.revokeFamily(token.familyId, now, `user ${user.status}`);
          auditAuthentication(tx, { userId: user.id }, 'session.refresh-refused', {
            address,
            reason: `user ${user.status}`,
          });
          return refused;
        }
        await tokens.markRotated(token.id, now);
        const pair: TokenPair = await this.sessions.continue(tx, user, token, now);
        return { kind: 'done', value: pair } as const;
      }),
    );
  }
}
