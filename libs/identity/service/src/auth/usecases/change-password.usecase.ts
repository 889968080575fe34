import { Injectable } from '@nestjs/common';
import { assertPasswordAcceptable, IdentityErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { TransactionScope, UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { PasswordHasher } from '../../security/password-hasher';
import { RefreshTokenRepository } from '../../sessions/refresh-token.repository';
import { LoginGate } from '../../throttle/login-gate';
import { TicketRepository } from '../../tickets/ticket.repository';
import type { UserAccount } from '../../users/user.entity';
import { UserRepository } from '../../users/user.repository';
import { auditAuthentication, runAsAnonymous, type AuthOutcome } from '../auth-events';

/** Proof of who is changing the password: a session and the current password, or a forced-change ticket. */
export type PasswordChangeProof =
  | { kind: 'session'; userId: string; currentPassword: string }
  | { kind: 'ticket'; passwordChangeToken: string };

@Injectable()
export class ChangePasswordUseCase {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * Sets a new password that meets the policy and differs from the old one, then ends every session of the
   * user: whoever knew the old password must not stay logged in. The current password is checked behind the
   * login throttle, so a stolen access token cannot be used to guess it.
   */
  execute(proof: PasswordChangeProof, newPassword: string, address: string): Promise<AuthOutcome<void>> {
    return runAsAnonymous(() =>
      this.uow.run(async (tx) => {
        const now = new Date();
        const users = new UserRepository(tx.em, IDENTITY_SCHEMA);
        const tickets = new TicketRepository(tx.sql, IDENTITY_SCHEMA);
        let user: UserAccount | null;
        if (proof.kind === 'ticket') {
          const peek = await tickets.findLive(proof.passwordChangeToken, 'password-change', now);
          user = peek && (await users.findForUpdate(peek.userId));
          const ticket =
            user && (await tickets.findLiveForUpdate(proof.passwordChangeToken, 'password-change', now));
          if (!user || !ticket || user.status !== 'active') {
            return { kind: 'refused', error: IdentityErrors.TICKET_INVALID('Log in again.') } as const;
          }
        } else {
          const owner = await users.findById(proof.userId);
          if (!owner) return { kind: 'refused', error: IdentityErrors.INVALID_CREDENTIALS() } as const;
          const gate = await LoginGate.open(tx.sql, IDENTITY_SCHEMA, owner.email, address);
          user = await users.findForUpdate(owner.id);
          const wait = gate.wait(now);
          if (wait > 0) return { kind: 'throttled', retryAfterMs: wait } as const;
          if (!user || !(await this.hasher.verify(user.passwordHash, proof.currentPassword))) {
            await gate.recordFailure(now);
            auditAuthentication(tx, { userId: owner.id }, 'password.change-refused', { address });
            return { kind: 'refused', error: IdentityErrors.INVALID_CREDENTIALS() } as const;
          }
        }
        await this.setPassword(tx, user, newPassword, address, now);
        await tickets.voidAll(user.id, now, 'password-change');
        return { kind: 'done', value: undefined } as const;
      }),
    );
  }

  private async setPassword(
    tx: TransactionScope,
    user: UserAccount,
    password: string,
    address: string,
    now: Date,
  ) {
    assertPasswordAcceptable(password, 'body.newPassword', { email: user.email });
    if (await this.hasher.verify(user.passwordHash, password)) {
      throw IdentityErrors.PASSWORD_REJECTED('Choose a password other than the current one.', [
        { field: 'body.newPassword', message: 'is the current password' },
      ]);
    }
    user.passwordHash = await this.hasher.hash(password);
    user.mustChangePassword = false;
    user.passwordChangedAt = now;
    const sessionsEnded = await new RefreshTokenRepository(tx.sql, IDENTITY_SCHEMA).revokeAllOfUser(
      user.id,
      now,
      'password changed',
    );
    auditAuthentication(tx, { userId: user.id }, 'password.changed', { address, sessionsEnded });
  }
}
