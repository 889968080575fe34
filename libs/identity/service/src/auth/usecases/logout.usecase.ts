import { Injectable } from '@nestjs/common';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { hashOpaqueToken } from '../../security/opaque-token';
import { RefreshTokenRepository } from '../../sessions/refresh-token.repository';
import { UserRepository } from '../../users/user.repository';
import { auditAuthentication, runAsAnonymous } from '../auth-events';

@Injectable()
export class LogoutUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /**
   * Ends the session the refresh token belongs to (its whole family). The answer is the same whether the
   * token was live, already revoked or unknown: logging out cannot be used to probe tokens.
   */
  execute(refreshToken: string, address: string): Promise<void> {
    return runAsAnonymous(() =>
      this.uow.run(async (tx) => {
        const now = new Date();
        const hash = hashOpaqueToken(refreshToken);
        const tokens = new RefreshTokenRepository(tx.sql, IDENTITY_SCHEMA);
        const peek = await tokens.findByHash(hash);
        const user = peek && (await new UserRepository(tx.em, IDENTITY_SCHEMA).findForUpdate(peek.userId));
        const token = user && (await tokens.findByHashForUpdate(hash));
        if (!user || !token) return;
        const revoked = await tokens.revokeFamily(token.familyId, now, 'logout');
        if (revoked > 0) {
          auditAuthentication(tx, { userId: user.id }, 'logout', { address, sessionId: token.familyId });
        }
      }),
    );
  }
}
