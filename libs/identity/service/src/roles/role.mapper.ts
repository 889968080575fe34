import type { RoleDefinition } from '@steerco/authz';
import type { RoleResponse } from './dto/role.dto';
import { publishedGrants, type CustomRoleRow } from './custom-role.repository';

export function builtInRoleResponse(role: RoleDefinition): RoleResponse {
  return {
    id: role.id,
    name: role.name,
    description: null,
    builtIn: true,
    grants: publishedGrants(role.grants),
    mfaRequired: role.mfaRequired,
    timeBoxed: role.timeBoxed,
    version: null,
  };
}

export function customRoleResponse(row: CustomRoleRow): RoleResponse {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    builtIn: false,
    grants: publishedGrants(row.grants),
    mfaRequired: row.mfa_required,
    timeBoxed: row.time_boxed,
    version: row.version,
  };
}
