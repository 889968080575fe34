import { BUILT_IN_ROLES, isBuiltInRoleId } from '@steerco/authz';
import type { SqlClient } from '@steerco/platform-messaging';
import { RoleAssignmentRepository } from '../assignments/role-assignment.repository';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { CustomRoleRepository } from '../roles/custom-role.repository';

/**
 * Whether any role the user currently holds requires a second factor (domain §6: by default org admins, PMO
 * admins and controllers). Every unexpired assignment counts, even one whose node the projection does not
 * know yet: asking for MFA too often is safe, too rarely is not.
 */
export async function currentRolesRequireMfa(sql: SqlClient, userId: string, now: Date): Promise<boolean> {
  const current = (await new RoleAssignmentRepository(sql, IDENTITY_SCHEMA).ofUser(userId)).filter(
    (row) => row.valid_until === null || row.valid_until > now,
  );
  if (current.some((row) => isBuiltInRoleId(row.role_id) && BUILT_IN_ROLES[row.role_id].mfaRequired)) {
    return true;
  }
  const custom = await new CustomRoleRepository(sql, IDENTITY_SCHEMA).findMany(
    current.map((row) => row.role_id),
  );
  return custom.some((role) => role.mfa_required);
}
