import { Injectable } from '@nestjs/common';
import { roleDeletedV1 } from '@steerco/contracts';
import { AccessErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import type { CallerAccess } from '../../access/caller-access';
import { RoleAssignmentRepository } from '../../assignments/role-assignment.repository';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { CustomRoleRepository, toRoleSnapshot } from '../custom-role.repository';
import { assertMayComposeRoles } from '../role-composition';
import { loadCustomRoleForChange } from './load-custom-role';

@Injectable()
export class DeleteRoleUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /**
   * Deletes a custom role nobody holds. The role row is locked first and grants lock it shared, so an
   * assignment cannot slip in between the count and the delete.
   */
  execute(access: CallerAccess, id: string, expectedVersion: number | undefined): Promise<void> {
    assertMayComposeRoles(access, 'role.delete', id);
    return this.uow.run(async (tx) => {
      const roles = new CustomRoleRepository(tx.sql, IDENTITY_SCHEMA);
      const row = await loadCustomRoleForChange(roles, id, expectedVersion);
      const holders = await new RoleAssignmentRepository(tx.sql, IDENTITY_SCHEMA).countOfRole(id);
      if (holders > 0) {
        throw AccessErrors.ROLE_IN_USE(`${holders} assignment(s) name this role; revoke them first.`);
      }
      await roles.delete(id);
      tx.audit({
        objectType: 'role',
        objectId: id,
        action: 'deleted',
        changes: Object.fromEntries(
          Object.entries(toRoleSnapshot(row)).map(([field, before]) => [field, { before, after: null }]),
        ),
      });
      tx.emit({
        definition: roleDeletedV1,
        subject: id,
        aggregateVersion: row.version + 1,
        data: { roleId: id },
      });
    });
  }
}
