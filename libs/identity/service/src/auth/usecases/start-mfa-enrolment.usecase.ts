import { Injectable } from '@nestjs/common';
import { IdentityErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { MfaService, type EnrolmentStart } from '../../mfa/mfa.service';
import { TicketRepository } from '../../tickets/ticket.repository';
import { UserRepository } from '../../users/user.repository';
import { runAsAnonymous } from '../auth-events';

/**
 * The forced set-up inside a login: a user for whom a second factor is mandatory but who has none gets an
 * mfaToken with `mfaEnrolmentRequired`, sets up TOTP with it here, and finishes at /auth/mfa/verify. No
 * session exists before that, so no service ever sees a token of such a user without a second factor.
 */
@Injectable()
export class StartMfaEnrolmentUseCase {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly mfa: MfaService,
  ) {}

  execute(mfaToken: string): Promise<EnrolmentStart> {
    return runAsAnonymous(() =>
      this.uow.run(async (tx) => {
        const now = new Date();
        const tickets = new TicketRepository(tx.sql, IDENTITY_SCHEMA);
        const peek = await tickets.findLive(mfaToken, 'mfa', now);
        const user = peek && (await new UserRepository(tx.em, IDENTITY_SCHEMA).findForUpdate(peek.userId));
        const ticket = user && (await tickets.findLiveForUpdate(mfaToken, 'mfa', now));
        if (!user || !ticket || user.status !== 'active')
          throw IdentityErrors.TICKET_INVALID('Log in again.');
        return this.mfa.begin(tx, user, now);
      }),
    );
  }
}
