import { isBuiltInRoleId } from '@steerco/authz';
import { AccessErrors } from '@steerco/identity-domain';
import { PlatformErrors } from '@steerco/platform-nest';
import type { CustomRoleRepository, CustomRoleRow } from '../custom-role.repository';

/** Loads and locks a custom role a command changes; built-in roles are read-only. */
export async function loadCustomRoleForChange(
  roles: CustomRoleRepository,
  id: string,
  expectedVersion: number | undefined,
): Promise<CustomRoleRow> {
  if (isBuiltInRoleId(id))
    throw AccessErrors.ROLE_BUILT_IN(`${id} is a built-in role and cannot be changed.`);
  const row = await roles.find(id, 'update');
  if (!row) throw AccessErrors.ROLE_NOT_FOUND(`No role ${id}.`);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw PlatformErrors.VERSION_CONFLICT(
      `The role is at version ${row.version}, not ${expectedVersion}: read it again and reapply your change.`,
    );
  }
  return row;
}
