import { Injectable } from '@nestjs/common';
import { userUpdatedV1, type UserSnapshot } from '@steerco/contracts';
import { IdentityErrors, normalizeEmail } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import type { UpdateUserInput } from '../dto/user.dto';
import { toSnapshot, touch } from '../user.mapper';
import { UserRepository } from '../user.repository';
import { loadUserForChange } from './load-user-for-change';

const PROFILE_FIELDS = ['email', 'displayName', 'locale', 'timeZone'] as const;

@Injectable()
export class UpdateUserUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  execute(id: string, expectedVersion: number, input: UpdateUserInput): Promise<UserSnapshot> {
    return this.uow.run(async (tx) => {
      const users = new UserRepository(tx.em, IDENTITY_SCHEMA);
      const { user, mfaEnrolled } = await loadUserForChange(users, id, expectedVersion);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const next = { ...input, ...(input.email ? { email: normalizeEmail(input.email) } : {}) };
      for (const field of PROFILE_FIELDS) {
        if (next[field] !== undefined && next[field] !== user[field]) {
          changes[field] = { before: user[field], after: next[field] };
        }
      }
      if (Object.keys(changes).length === 0) return toSnapshot(user, mfaEnrolled);
      if (changes['email'] && (await users.findByEmail(next.email as string))) {
        throw IdentityErrors.EMAIL_TAKEN(`A user with ${next.email} exists.`, [
          { field: 'body.email', message: 'taken' },
        ]);
      }
      Object.assign(user, Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, c.after])));
      touch(user, tx.context.actor);
      const snapshot = toSnapshot(user, mfaEnrolled);
      tx.audit({ objectType: 'user', objectId: id, action: 'updated', changes });
      tx.emit({
        definition: userUpdatedV1,
        subject: id,
        aggregateVersion: user.version,
        data: { user: snapshot, changes },
      });
      return snapshot;
    });
  }
}
