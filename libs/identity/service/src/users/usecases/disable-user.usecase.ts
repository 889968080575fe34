import { Injectable } from '@nestjs/common';
import { userDisabledV1, type UserSnapshot } from '@steerco/contracts';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { RefreshTokenRepository } from '../../sessions/refresh-token.repository';
import { TicketRepository } from '../../tickets/ticket.repository';
import { toSnapshot, touch } from '../user.mapper';
import { UserRepository } from '../user.repository';
import { loadUserForChange } from './load-user-for-change';

@Injectable()
export class DisableUserUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /**
   * Ends every session of the user at once (refresh tokens, open tickets). Access tokens already issued live
   * at most their ten minutes here; other services refuse them as soon as the disabled event reaches them.
   * Disabling a disabled user changes nothing and records nothing.
   */
  execute(id: string, expectedVersion: number | undefined): Promise<UserSnapshot> {
    return this.uow.run(async (tx) => {
      const users = new UserRepository(tx.em, IDENTITY_SCHEMA);
      const { user, mfaEnrolled } = await loadUserForChange(users, id, expectedVersion);
      if (user.status === 'disabled') return toSnapshot(user, mfaEnrolled);
      const now = new Date();
      const before = user.status;
      user.status = 'disabled';
      touch(user, tx.context.actor, now);
      const sessionsEnded = await new RefreshTokenRepository(tx.sql, IDENTITY_SCHEMA).revokeAllOfUser(
        id,
        now,
        'user disabled',
      );
      await new TicketRepository(tx.sql, IDENTITY_SCHEMA).voidAll(id, now);
      const snapshot = toSnapshot(user, mfaEnrolled);
      tx.audit({
        objectType: 'user',
        objectId: id,
        action: 'disabled',
        changes: {
          status: { before, after: 'disabled' },
          sessionsEnded: { before: null, after: sessionsEnded },
        },
      });
      tx.emit({
        definition: userDisabledV1,
        subject: id,
        aggregateVersion: user.version,
        data: { user: snapshot },
      });
      return snapshot;
    });
  }
}
