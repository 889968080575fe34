import { Injectable } from '@nestjs/common';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import type { CallerAccess } from '../../access/caller-access';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { revokeAssignment } from '../revoke-assignment';

@Injectable()
export class RevokeAssignmentUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /** Removes an assignment; it grants nothing from the commit on here, and elsewhere once the event arrives. */
  execute(access: CallerAccess, id: string): Promise<void> {
    return this.uow.runSql((tx) => revokeAssignment(tx, id, { kind: 'caller', access }));
  }
}
