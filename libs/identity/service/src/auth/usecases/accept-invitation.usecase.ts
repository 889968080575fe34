import { Injectable } from '@nestjs/common';
import { userActivatedV1 } from '@steerco/contracts';
import { assertPasswordAcceptable, IdentityErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { PasswordHasher } from '../../security/password-hasher';
import { TicketRepository } from '../../tickets/ticket.repository';
import { toSnapshot, touch } from '../../users/user.mapper';
import { UserRepository } from '../../users/user.repository';
import { runAsAnonymous } from '../auth-events';

@Injectable()
export class AcceptInvitationUseCase {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
  ) {}

  /** An invited user sets their password and becomes active; they then log in as anyone else. */
  execute(invitationToken: string, password: string): Promise<void> {
    return runAsAnonymous(() =>
      this.uow.run(async (tx) => {
        const now = new Date();
        const users = new UserRepository(tx.em, IDENTITY_SCHEMA);
        const tickets = new TicketRepository(tx.sql, IDENTITY_SCHEMA);
        const peek = await tickets.findLive(invitationToken, 'invitation', now);
        const user = peek && (await users.findForUpdate(peek.userId));
        const ticket = user && (await tickets.findLiveForUpdate(invitationToken, 'invitation', now));
        if (!user || !ticket || user.status !== 'invited') {
          throw IdentityErrors.TICKET_INVALID('Ask for a new invitation.');
        }
        assertPasswordAcceptable(password, 'body.password', { email: user.email });
        user.passwordHash = await this.hasher.hash(password);
        user.passwordChangedAt = now;
        user.status = 'active';
        touch(user, user.id, now);
        await tickets.consume(ticket.id, now);
        const snapshot = toSnapshot(user, await users.hasConfirmedMfa(user.id));
        tx.audit({
          objectType: 'user',
          objectId: user.id,
          action: 'activated',
          changes: { status: { before: 'invited', after: 'active' } },
        });
        tx.emit({
          definition: userActivatedV1,
          subject: user.id,
          aggregateVersion: user.version,
          data: { user: snapshot },
        });
      }),
    );
  }
}
