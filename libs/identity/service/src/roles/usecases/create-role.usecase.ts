import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Grant } from '@steerco/authz';
import { roleCreatedV1 } from '@steerco/contracts';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import type { CallerAccess } from '../../access/caller-access';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import {
  CustomRoleRepository,
  toRoleDefinition,
  toRoleSnapshot,
  type CustomRoleRow,
} from '../custom-role.repository';
import type { CreateRoleInput, RoleResponse } from '../dto/role.dto';
import { customRoleResponse } from '../role.mapper';
import { assertMayComposeRoles, assertValidRole, assertWithinHoldings } from '../role-composition';

@Injectable()
export class CreateRoleUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  execute(access: CallerAccess, input: CreateRoleInput): Promise<RoleResponse> {
    assertMayComposeRoles(access, 'role.create');
    return this.uow.run(async (tx) => {
      const roles = new CustomRoleRepository(tx.sql, IDENTITY_SCHEMA);
      const row: CustomRoleRow = {
        id: randomUUID(),
        name: input.name,
        description: input.description ?? null,
        grants: input.grants as Grant[],
        mfa_required: input.mfaRequired ?? false,
        time_boxed: input.timeBoxed ?? false,
        version: 1,
      };
      const composed = toRoleDefinition(row);
      assertValidRole(composed, (await roles.list()).map(toRoleDefinition));
      assertWithinHoldings(access, composed, 'role.create');
      await roles.insert(row, tx.context.actor, new Date());
      const snapshot = toRoleSnapshot(row);
      tx.audit({
        objectType: 'role',
        objectId: row.id,
        action: 'created',
        changes: Object.fromEntries(
          Object.entries(snapshot).map(([field, after]) => [field, { before: null, after }]),
        ),
        newObject: true,
      });
      tx.emit({ definition: roleCreatedV1, subject: row.id, aggregateVersion: 1, data: { role: snapshot } });
      return customRoleResponse(row);
    });
  }
}
