import { Injectable } from '@nestjs/common';
import { userMfaResetV1, type UserSnapshot } from '@steerco/contracts';
import { IdentityErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { toSnapshot, touch } from '../../users/user.mapper';
import { UserRepository } from '../../users/user.repository';
import { MfaCredentialRepository } from '../mfa-credential.repository';

@Injectable()
export class ResetMfaUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /**
   * An administrator removes someone's second factor and recovery codes (a lost phone). Audited with the
   * administrator as actor; if a second factor is mandatory for the user, their next login sets up a new one.
   */
  execute(userId: string): Promise<UserSnapshot> {
    return this.uow.run(async (tx) => {
      const user = await new UserRepository(tx.em, IDENTITY_SCHEMA).findForUpdate(userId);
      if (!user) throw IdentityErrors.USER_NOT_FOUND(`No user ${userId}.`);
      const credentials = new MfaCredentialRepository(tx.sql, IDENTITY_SCHEMA);
      const existing = await credentials.findForUpdate(userId);
      if (!existing) throw IdentityErrors.MFA_NOT_ENROLLED(`User ${userId} has no second factor.`);
      await credentials.deleteAll(userId);
      touch(user, tx.context.actor);
      const snapshot = toSnapshot(user, false);
      tx.audit({
        objectType: 'user',
        objectId: userId,
        action: 'mfa.reset',
        changes: { mfaEnrolled: { before: existing.confirmedAt !== null, after: false } },
      });
      tx.emit({
        definition: userMfaResetV1,
        subject: userId,
        aggregateVersion: user.version,
        data: { user: snapshot },
      });
      return snapshot;
    });
  }
}
