import { asSubject, type AppAbility, type ScopeConditions } from '@steerco/authz';

/** What identity knows about the caller of a request when it decides: who, the flag, and the ability. */
export interface CallerAccess {
  userId: string;
  /** Installation administrator: manages users, custom roles and assignments anywhere. No business rights. */
  platformAdmin: boolean;
  /** This session passed a second factor (the token's amr has `mfa`); MFA roles grant nothing otherwise. */
  mfaVerified: boolean;
  assignmentVersion: number;
  ability: AppAbility;
}

/**
 * The paths (organization first) of the subtrees where the caller holds manage-roles on `type`: where they
 * may assign roles (RoleAssignment) or compose them (Role). Own-only rules do not count.
 */
export function managedSubtrees(access: CallerAccess, type: 'Role' | 'RoleAssignment'): string[][] {
  return access.ability
    .rulesFor('manage-roles', type)
    .filter((rule) => !rule.inverted && rule.conditions && !(rule.conditions as ScopeConditions).own)
    .flatMap((rule) => (rule.conditions as ScopeConditions).within.map((path) => [...path]));
}

/** User administration: platform admins, and whoever may assign roles somewhere (they need users to assign). */
export function managesUsers(access: CallerAccess): boolean {
  return access.platformAdmin || managedSubtrees(access, 'RoleAssignment').length > 0;
}

/** Whether the caller may assign, change or revoke assignments on the node at the end of `nodePath`. */
export function managesAssignmentsAt(access: CallerAccess, nodePath: readonly string[]): boolean {
  return (
    access.platformAdmin ||
    access.ability.can('manage-roles', asSubject('RoleAssignment', { path: nodePath }), 'settings')
  );
}
