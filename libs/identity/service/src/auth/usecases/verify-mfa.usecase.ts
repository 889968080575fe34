import { Injectable } from '@nestjs/common';
import { authenticationMethods, IdentityErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { MfaService } from '../../mfa/mfa.service';
import { SessionStarter, type TokenPair } from '../../sessions/session-starter';
import { LoginGate } from '../../throttle/login-gate';
import { TicketRepository } from '../../tickets/ticket.repository';
import { UserRepository } from '../../users/user.repository';
import { auditAuthentication, runAsAnonymous, type AuthOutcome } from '../auth-events';

export type MfaVerifyAnswer = TokenPair & { recoveryCodes?: string[] };

@Injectable()
export class VerifyMfaUseCase {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly mfa: MfaService,
    private readonly sessions: SessionStarter,
  ) {}

  /**
   * The second step of a login. A wrong code counts against the ticket (five and it is used up) and against
   * the account's throttle, so knowing the password does not buy unlimited guesses at six digits. During a
   * forced set-up (mfaEnrolmentRequired) the first code confirms it and the answer carries the recovery codes.
   */
  execute(input: { mfaToken: string; code: string }, address: string): Promise<AuthOutcome<MfaVerifyAnswer>> {
    return runAsAnonymous(() =>
      this.uow.run(async (tx) => {
        const now = new Date();
        const tickets = new TicketRepository(tx.sql, IDENTITY_SCHEMA);
        const users = new UserRepository(tx.em, IDENTITY_SCHEMA);
        const invalid = { kind: 'refused', error: IdentityErrors.TICKET_INVALID('Log in again.') } as const;
        // Locks in the order every path uses: throttle, user, then the ticket.
        const peek = await tickets.findLive(input.mfaToken, 'mfa', now);
        const owner = peek && (await users.findById(peek.userId));
        if (!owner) return invalid;
        const gate = await LoginGate.open(tx.sql, IDENTITY_SCHEMA, owner.email, address);
        const user = await users.findForUpdate(owner.id);
        const ticket = await tickets.findLiveForUpdate(input.mfaToken, 'mfa', now);
        if (!user || !ticket || user.status !== 'active') return invalid;
        const wait = gate.wait(now);
        if (wait > 0) {
          auditAuthentication(tx, { userId: user.id }, 'mfa.throttled', { address, retryAfterMs: wait });
          return { kind: 'throttled', retryAfterMs: wait } as const;
        }

        let method: 'otp' | 'recovery-code' | null;
        let recoveryCodes: string[] | undefined;
        if (await this.mfa.pending(tx, user.id)) {
          recoveryCodes = (await this.mfa.confirm(tx, user, input.code, now)) ?? undefined;
          method = recoveryCodes ? 'otp' : null;
        } else {
          method = await this.mfa.verify(tx, user.id, input.code, now);
        }
        if (method === null) {
          await tickets.recordFailure(ticket, now);
          const { lockedOut, failures } = await gate.recordFailure(now);
          auditAuthentication(tx, { userId: user.id }, 'mfa.failed', { address, failures });
          if (lockedOut)
            auditAuthentication(tx, { userId: user.id }, 'login.locked-out', {
              address,
              waitMs: gate.wait(now),
            });
          return { kind: 'refused', error: IdentityErrors.MFA_CODE_INVALID() } as const;
        }
        await tickets.consume(ticket.id, now);
        await gate.recordSuccess();
        auditAuthentication(tx, { userId: user.id }, 'mfa.verified', { address, method });
        auditAuthentication(tx, { userId: user.id }, 'login.succeeded', { address, method });
        const tokens = await this.sessions.start(tx, user, authenticationMethods(method), now);
        return { kind: 'done', value: recoveryCodes ? { ...tokens, recoveryCodes } : tokens } as const;
      }),
    );
  }
}
