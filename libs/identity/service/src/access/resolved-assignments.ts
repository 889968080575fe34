import { resolveAssignments, type ResolvedAssignment, type RoleAssignment } from '@steerco/authz';
import type { SqlClient } from '@steerco/platform-messaging';
import {
  RoleAssignmentRepository,
  type PlacedAssignmentRow,
} from '../assignments/role-assignment.repository';
import { toRoleAssignment } from '../assignments/role-assignment.repository';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { CustomRoleRepository, toRoleDefinition } from '../roles/custom-role.repository';

export interface UserAssignments {
  /** Every stored assignment of the user, expired ones and those on unknown nodes included. */
  rows: PlacedAssignmentRow[];
  /** Those with a known node path and an existing role, roles attached: what defineAbilityFor takes. */
  resolved: ResolvedAssignment[];
}

/** A user's assignments with their nodes' current paths (node_projection) and their roles resolved. */
export async function loadUserAssignments(sql: SqlClient, userId: string): Promise<UserAssignments> {
  const rows = await new RoleAssignmentRepository(sql, IDENTITY_SCHEMA).ofUser(userId);
  const customRoles = await new CustomRoleRepository(sql, IDENTITY_SCHEMA).findMany(
    rows.map((r) => r.role_id),
  );
  const placed = rows.map(toRoleAssignment).filter((a): a is RoleAssignment => a !== undefined);
  return { rows, resolved: resolveAssignments(placed, customRoles.map(toRoleDefinition)).resolved };
}
