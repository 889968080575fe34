import { Injectable } from '@nestjs/common';
import { IdentityErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { TicketRepository } from '../../tickets/ticket.repository';
import { UserRepository } from '../user.repository';

@Injectable()
export class IssueInvitationUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /**
   * A new invitation token for an invited user, shown once to the caller, who hands it over (e-mail delivery
   * comes with the notification service). Earlier invitations of the user stop working.
   */
  execute(id: string): Promise<{ invitationToken: string; expiresAt: string }> {
    return this.uow.run(async (tx) => {
      const user = await new UserRepository(tx.em, IDENTITY_SCHEMA).findForUpdate(id);
      if (!user) throw IdentityErrors.USER_NOT_FOUND(`No user ${id}.`);
      if (user.status !== 'invited') {
        throw IdentityErrors.USER_NOT_INVITED(`User ${id} is ${user.status}, not invited.`);
      }
      const now = new Date();
      const tickets = new TicketRepository(tx.sql, IDENTITY_SCHEMA);
      await tickets.voidAll(id, now, 'invitation');
      const { token, expiresAt } = await tickets.issue(id, 'invitation', now);
      tx.audit({
        objectType: 'user',
        objectId: id,
        action: 'invitation.issued',
        changes: { expiresAt: { before: null, after: expiresAt.toISOString() } },
      });
      return { invitationToken: token, expiresAt: expiresAt.toISOString() };
    });
  }
}
