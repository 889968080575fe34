import { Injectable } from '@nestjs/common';
import type { Grant } from '@steerco/authz';
import { roleUpdatedV1 } from '@steerco/contracts';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import type { CallerAccess } from '../../access/caller-access';
import { RoleAssignmentRepository } from '../../assignments/role-assignment.repository';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import {
  CustomRoleRepository,
  toRoleDefinition,
  toRoleSnapshot,
  type CustomRoleRow,
} from '../custom-role.repository';
import type { RoleResponse, UpdateRoleInput } from '../dto/role.dto';
import { customRoleResponse } from '../role.mapper';
import { assertMayComposeRoles, assertValidRole, assertWithinHoldings } from '../role-composition';
import { loadCustomRoleForChange } from './load-custom-role';

@Injectable()
export class UpdateRoleUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /**
   * Changes a custom role as a whole (If-Match). The new definition is held to the composer's holdings like a
   * new one, and every holder's assignment version is bumped: their abilities change with it.
   */
  execute(
    access: CallerAccess,
    id: string,
    expectedVersion: number,
    input: UpdateRoleInput,
  ): Promise<RoleResponse> {
    assertMayComposeRoles(access, 'role.update', id);
    return this.uow.run(async (tx) => {
      const roles = new CustomRoleRepository(tx.sql, IDENTITY_SCHEMA);
      const current = await loadCustomRoleForChange(roles, id, expectedVersion);
      const next: CustomRoleRow = {
        ...current,
        name: input.name ?? current.name,
        description: input.description === undefined ? current.description : input.description,
        grants: (input.grants as Grant[] | undefined) ?? current.grants,
        mfa_required: input.mfaRequired ?? current.mfa_required,
        time_boxed: input.timeBoxed ?? current.time_boxed,
      };
      const before = toRoleSnapshot(current);
      const after = toRoleSnapshot(next);
      const changes = Object.fromEntries(
        (Object.keys(after) as (keyof typeof after)[])
          .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
          .map((field) => [field, { before: before[field], after: after[field] }]),
      );
      if (Object.keys(changes).length === 0) return customRoleResponse(current);
      const composed = toRoleDefinition(next);
      assertValidRole(composed, (await roles.list()).filter((r) => r.id !== id).map(toRoleDefinition));
      assertWithinHoldings(access, composed, 'role.update');
      next.version = current.version + 1;
      await roles.update(next, tx.context.actor, new Date());
      await new RoleAssignmentRepository(tx.sql, IDENTITY_SCHEMA).bumpVersionsOfRoleHolders(id);
      const snapshot = toRoleSnapshot(next);
      tx.audit({ objectType: 'role', objectId: id, action: 'updated', changes });
      tx.emit({
        definition: roleUpdatedV1,
        subject: id,
        aggregateVersion: next.version,
        data: { role: snapshot },
      });
      return customRoleResponse(next);
    });
  }
}
