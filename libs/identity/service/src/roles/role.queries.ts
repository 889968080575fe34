import { Injectable } from '@nestjs/common';
import { BUILT_IN_ROLE_IDS, BUILT_IN_ROLES, isBuiltInRoleId } from '@steerco/authz';
import { AccessErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { CustomRoleRepository } from './custom-role.repository';
import type { RoleResponse } from './dto/role.dto';
import { builtInRoleResponse, customRoleResponse } from './role.mapper';

@Injectable()
export class RoleQueries {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /** The built-in roles in the library's order, then the custom ones by name. */
  async list(): Promise<{ items: RoleResponse[] }> {
    const custom = await new CustomRoleRepository(this.uow.sqlReader(), IDENTITY_SCHEMA).list();
    return {
      items: [
        ...BUILT_IN_ROLE_IDS.map((id) => builtInRoleResponse(BUILT_IN_ROLES[id])),
        ...custom.map(customRoleResponse),
      ],
    };
  }

  async get(id: string): Promise<RoleResponse> {
    if (isBuiltInRoleId(id)) return builtInRoleResponse(BUILT_IN_ROLES[id]);
    const row = await new CustomRoleRepository(this.uow.sqlReader(), IDENTITY_SCHEMA).find(id);
    if (!row) throw AccessErrors.ROLE_NOT_FOUND(`No role ${id}.`);
    return customRoleResponse(row);
  }
}
