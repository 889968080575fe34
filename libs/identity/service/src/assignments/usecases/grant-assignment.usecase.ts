import { Injectable } from '@nestjs/common';
import type { AssignmentSnapshot } from '@steerco/contracts';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { grantAssignment, type AssignmentGrant, type Granter } from '../grant-assignment';

/** POST /role-assignments, and the entry point for other identity features (OIDC group mapping). */
@Injectable()
export class GrantAssignmentUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /** In a transaction of its own; inside an existing one, call `grantAssignment(tx, grant, granter)` instead. */
  execute(grant: AssignmentGrant, granter: Granter): Promise<AssignmentSnapshot> {
    return this.uow.runSql((tx) => grantAssignment(tx, grant, granter));
  }
}
