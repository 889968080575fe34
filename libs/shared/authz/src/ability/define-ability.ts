import type { ResolvedAssignment } from '../roles';
import { activeAssignments, systemClock, type Clock, type Principal } from './active-assignments';
import { objectPathAncestry, type Ancestry } from './ancestry';
import { createAppAbility, type AppRule } from './create-ability';
import { expandGrant } from './expand-grant';
import type { AppAbility } from './ability.types';

export interface DefineAbilityOptions {
  clock?: Clock;
}

interface RuleGroup {
  rule: Omit<AppRule, 'conditions'>;
  ownFields?: readonly string[];
  paths: (readonly string[])[];
}

/** True when `path` lies inside the subtree rooted at the last node of `root`. */
function isInside(path: readonly string[], root: readonly string[]): boolean {
  return path.length >= root.length && path.includes(root[root.length - 1]);
}

/** Drops paths already covered by another path of the same rule (a grant on a program and on its project). */
function outermost(paths: (readonly string[])[]): (readonly string[])[] {
  const sorted = [...paths].sort((a, b) => a.length - b.length);
  const kept: (readonly string[])[] = [];
  for (const path of sorted) {
    if (!kept.some((root) => isInside(path, root))) kept.push(path);
  }
  return kept;
}

/**
 * The CASL rules of a user's active assignments. Grants that differ only by node are merged into one rule
 * listing every node, so an ability holds a few dozen rules whatever the number of assignments.
 */
export function rulesForAssignments(
  principal: Principal,
  assignments: readonly ResolvedAssignment[],
  now: Date,
): AppRule[] {
  const groups = new Map<string, RuleGroup>();
  for (const assignment of activeAssignments(principal, assignments, now)) {
    for (const grant of assignment.role.grants) {
      for (const { action, subject, tabs, ownFields } of expandGrant(grant)) {
        const key = [action, subject, tabs.join(','), ownFields?.join(',') ?? ''].join('|');
        let group = groups.get(key);
        if (!group) {
          group = { rule: { action, subject, fields: tabs }, ownFields, paths: [] };
          groups.set(key, group);
        }
        group.paths.push(assignment.nodePath);
      }
    }
  }
  return [...groups.values()].map(({ rule, ownFields, paths }) => ({
    ...rule,
    conditions: {
      within: outermost(paths),
      ...(ownFields ? { own: { userId: principal.userId, fields: ownFields } } : {}),
    },
  }));
}

/**
 * The ability of `principal`, from their role assignments (roles resolved, see `resolveAssignments`).
 * Default deny: only what an active assignment grants, on the granted node and its descendants.
 */
export function defineAbilityFor(
  principal: Principal,
  assignments: readonly ResolvedAssignment[],
  ancestry: Ancestry = objectPathAncestry,
  options: DefineAbilityOptions = {},
): AppAbility {
  const now = (options.clock ?? systemClock)();
  return createAppAbility(rulesForAssignments(principal, assignments, now), ancestry);
}
