import { BUILT_IN_ROLES, isBuiltInRoleId } from './built-in-roles';
import type { ResolvedAssignment, RoleAssignment, RoleDefinition } from './role.types';

export interface ResolvedAssignments {
  resolved: ResolvedAssignment[];
  /** Assignments naming a role that exists neither built in nor among `customRoles`: they grant nothing. */
  unresolved: RoleAssignment[];
}

/** Attaches each assignment's role definition, built-in first, then the organization's custom roles. */
export function resolveAssignments(
  assignments: readonly RoleAssignment[],
  customRoles: readonly RoleDefinition[] = [],
): ResolvedAssignments {
  const custom = new Map(customRoles.map((role) => [role.id, role]));
  const result: ResolvedAssignments = { resolved: [], unresolved: [] };
  for (const assignment of assignments) {
    const role = isBuiltInRoleId(assignment.roleId)
      ? BUILT_IN_ROLES[assignment.roleId]
      : custom.get(assignment.roleId);
    if (role) result.resolved.push({ ...assignment, role });
    else result.unresolved.push(assignment);
  }
  return result;
}
