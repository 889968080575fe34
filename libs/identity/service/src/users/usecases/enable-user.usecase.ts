import { Injectable } from '@nestjs/common';
import { userActivatedV1, userUpdatedV1, type UserSnapshot } from '@steerco/contracts';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { ExternalIdentityRepository } from '../../oidc/login/external-identity.repository';
import { toSnapshot, touch } from '../user.mapper';
import { UserRepository } from '../user.repository';
import { loadUserForChange } from './load-user-for-change';

@Injectable()
export class EnableUserUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /**
   * Lets a disabled user in again. One who has a way to sign in (a password, or a provider they signed in
   * through) becomes active, and the services accept them as soon as the event reaches them; one who never
   * had either is invited again and needs a new invitation (the old ones were voided by the disabling).
   * Sessions ended by the disabling stay ended. Enabling a user who is not disabled changes nothing and
   * records nothing.
   */
  execute(id: string, expectedVersion: number | undefined): Promise<UserSnapshot> {
    return this.uow.run(async (tx) => {
      const users = new UserRepository(tx.em, IDENTITY_SCHEMA);
      const { user, mfaEnrolled } = await loadUserForChange(users, id, expectedVersion);
      if (user.status !== 'disabled') return toSnapshot(user, mfaEnrolled);
      const signsIn =
        user.passwordHash !== null ||
        (await new ExternalIdentityRepository(tx.sql, IDENTITY_SCHEMA).hasAny(id));
      user.status = signsIn ? 'active' : 'invited';
      touch(user, tx.context.actor, new Date());
      const snapshot = toSnapshot(user, mfaEnrolled);
      const changes = { status: { before: 'disabled', after: user.status } };
      tx.audit({ objectType: 'user', objectId: id, action: 'enabled', changes });
      const event = { subject: id, aggregateVersion: user.version };
      tx.emit(
        signsIn
          ? { ...event, definition: userActivatedV1, data: { user: snapshot } }
          : { ...event, definition: userUpdatedV1, data: { user: snapshot, changes } },
      );
      return snapshot;
    });
  }
}
