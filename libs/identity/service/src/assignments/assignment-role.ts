import { BUILT_IN_ROLES, isBuiltInRoleId, type RoleDefinition } from '@steerco/authz';
import { AccessErrors } from '@steerco/identity-domain';
import type { SqlClient } from '@steerco/platform-messaging';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { CustomRoleRepository, toRoleDefinition } from '../roles/custom-role.repository';

/**
 * The role an assignment names, built-in first. A custom role is locked shared, so it cannot be deleted
 * while an assignment naming it is being written.
 */
export async function roleForAssignment(sql: SqlClient, roleId: string): Promise<RoleDefinition> {
  if (isBuiltInRoleId(roleId)) return BUILT_IN_ROLES[roleId];
  const row = await new CustomRoleRepository(sql, IDENTITY_SCHEMA).find(roleId, 'share');
  if (!row) {
    throw AccessErrors.ROLE_UNKNOWN(`No role ${roleId}.`, [
      { field: 'body.roleId', message: 'unknown role' },
    ]);
  }
  return toRoleDefinition(row);
}

/** validUntil must lie ahead; time-boxed roles (External) need one, or the assignment would grant nothing. */
export function assertValidUntil(role: RoleDefinition, validUntil: Date | null, now: Date): void {
  if (role.timeBoxed && validUntil === null) {
    throw AccessErrors.VALID_UNTIL_REQUIRED(`${role.name} is time-boxed: send validUntil.`, [
      { field: 'body.validUntil', message: 'required for this role' },
    ]);
  }
  if (validUntil !== null && validUntil.getTime() <= now.getTime()) {
    throw AccessErrors.VALID_UNTIL_PAST('validUntil must lie in the future.', [
      { field: 'body.validUntil', message: 'in the past' },
    ]);
  }
}
