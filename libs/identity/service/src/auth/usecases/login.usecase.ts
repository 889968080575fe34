import { Injectable } from '@nestjs/common';
import {
  authenticationMethods,
  IdentityErrors,
  nextLoginStep,
  normalizeEmail,
} from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { TransactionScope, UnitOfWork } from '@steerco/platform-persistence';
import { currentRolesRequireMfa } from '../../access/roles-require-mfa';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { PasswordHasher } from '../../security/password-hasher';
import { SessionStarter, type TokenPair } from '../../sessions/session-starter';
import { LoginGate } from '../../throttle/login-gate';
import { TicketRepository } from '../../tickets/ticket.repository';
import type { UserAccount } from '../../users/user.entity';
import { UserRepository } from '../../users/user.repository';
import { auditAuthentication, runAsAnonymous, type AuthOutcome } from '../auth-events';

export type LoginAnswer =
  | TokenPair
  | { mfaRequired: true; mfaToken: string; mfaEnrolmentRequired: boolean }
  | { passwordChangeRequired: true; passwordChangeToken: string };

@Injectable()
export class LoginUseCase {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionStarter,
  ) {}

  /**
   * Checks e-mail and password behind the throttles. Every refusal looks the same from outside (an unknown
   * e-mail, an invited or disabled account, a wrong password: one 401, and an argon2 verification each), and
   * a throttled attempt is refused before any password is checked.
   */
  execute(input: { email: string; password: string }, address: string): Promise<AuthOutcome<LoginAnswer>> {
    return runAsAnonymous(() =>
      this.uow.run(async (tx) => {
        const now = new Date();
        const email = normalizeEmail(input.email);
        const gate = await LoginGate.open(tx.sql, IDENTITY_SCHEMA, email, address);
        const user = await new UserRepository(tx.em, IDENTITY_SCHEMA).findByEmailForUpdate(email);
        const subject = user ? { userId: user.id } : { unknownEmail: email };
        const wait = gate.wait(now);
        if (wait > 0) {
          auditAuthentication(tx, subject, 'login.throttled', { address, retryAfterMs: wait });
          return { kind: 'throttled', retryAfterMs: wait } as const;
        }
        const passwordMatches = await this.hasher.verify(user?.passwordHash ?? null, input.password);
        if (!user || !passwordMatches || user.status !== 'active') {
          const { lockedOut, failures } = await gate.recordFailure(now);
          const reason = !user
            ? 'unknown account'
            : !passwordMatches
              ? 'wrong password'
              : `user ${user.status}`;
          auditAuthentication(tx, subject, 'login.failed', { address, reason, failures });
          if (lockedOut)
            auditAuthentication(tx, subject, 'login.locked-out', { address, waitMs: gate.wait(now) });
          return { kind: 'refused', error: IdentityErrors.INVALID_CREDENTIALS() } as const;
        }
        await gate.recordSuccess();
        return { kind: 'done', value: await this.continueLogin(tx, user, address, now) } as const;
      }),
    );
  }

  private async continueLogin(
    tx: TransactionScope,
    user: UserAccount,
    address: string,
    now: Date,
  ): Promise<LoginAnswer> {
    const users = new UserRepository(tx.em, IDENTITY_SCHEMA);
    const tickets = new TicketRepository(tx.sql, IDENTITY_SCHEMA);
    const mfaEnrolled = await users.hasConfirmedMfa(user.id);
    const step = nextLoginStep({
      mustChangePassword: user.mustChangePassword,
      mfaEnrolled,
      // Mandatory by the user's own flag or by any role they hold now (a controller without TOTP enrols here).
      mfaRequired: user.mfaRequired || (await currentRolesRequireMfa(tx.sql, user.id, now)),
    });
    auditAuthentication(
      tx,
      { userId: user.id },
      step === 'complete' ? 'login.succeeded' : 'login.password-accepted',
      {
        address,
        next: step,
      },
    );
    switch (step) {
      case 'change-password': {
        const { token } = await tickets.issue(user.id, 'password-change', now);
        return { passwordChangeRequired: true, passwordChangeToken: token };
      }
      case 'verify-mfa':
      case 'enrol-mfa': {
        const { token } = await tickets.issue(user.id, 'mfa', now);
        return { mfaRequired: true, mfaToken: token, mfaEnrolmentRequired: step === 'enrol-mfa' };
      }
      case 'complete':
        return this.sessions.start(tx, user, authenticationMethods(null), now);
    }
  }
}
