import type { Atom, SubjectType, Tab } from '../catalogue';
import { asSubject, delegateActionOf, expandGrant, type AppAbility } from '../ability';
import type { RoleDefinition } from '../roles';

/** What a granter would hand on without holding it. */
export interface GrantShortfall {
  atom: Atom;
  subject: SubjectType;
  tab: Tab;
}

/** Assigning puts a role on a user at a node; composing defines a role (at the organization). */
export type GrantPurpose = 'assign' | 'compose';

function holdsAt(ability: AppAbility, atom: Atom, type: SubjectType, tab: Tab, nodePath: readonly string[]) {
  // A probe at the node with no owner fields: only grants covering every object there match, never the
  // granter's own-only ones. Handing on even an own-only grant needs that: the grantee's own objects are
  // not the granter's.
  const probe = asSubject(type, { path: nodePath });
  return ability.can(atom, probe, tab) || ability.can(delegateActionOf(atom), probe, tab);
}

/**
 * Everything in `role` the granter does not hold (or may not delegate) at the node `nodePath` ends with,
 * one line per atom × object type × tab. Empty means the role is within the granter's own reach.
 */
export function grantShortfall(
  granterAbility: AppAbility,
  role: Pick<RoleDefinition, 'grants'>,
  nodePath: readonly string[],
): GrantShortfall[] {
  const missing: GrantShortfall[] = [];
  for (const grant of role.grants) {
    for (const { subject, tabs } of expandGrant({ ...grant, delegateOnly: false })) {
      for (const tab of tabs) {
        if (!holdsAt(granterAbility, grant.atom, subject, tab, nodePath)) {
          missing.push({ atom: grant.atom, subject, tab });
        }
      }
    }
  }
  return missing;
}

/**
 * Whether the granter may assign `role` at the node `nodePath` ends with (or compose it, at the
 * organization): they need `manage-roles` there, and must hold at that node everything the role grants.
 * Nobody hands on more than they have (Infisical's privilege boundary).
 */
export function canGrant(
  granterAbility: AppAbility,
  role: Pick<RoleDefinition, 'grants'>,
  nodePath: readonly string[],
  purpose: GrantPurpose = 'assign',
): boolean {
  if (nodePath.length === 0) return false;
  const managed = purpose === 'assign' ? 'RoleAssignment' : 'Role';
  if (!granterAbility.can('manage-roles', asSubject(managed, { path: nodePath }), 'settings')) return false;
  return grantShortfall(granterAbility, role, nodePath).length === 0;
}
