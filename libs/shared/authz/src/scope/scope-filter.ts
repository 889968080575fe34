import type { SubjectType, Tab } from '../catalogue';
import type { Action, AppAbility, ScopeConditions } from '../ability';

/** A subtree in scope: the granted node, its path, and whether only the user's own objects count. */
export interface ScopedSubtree {
  nodeId: string;
  /** Node ids from the organization down to `nodeId`. */
  path: readonly string[];
  own?: { userId: string; fields: readonly string[] };
}

/**
 * Which rows of a list the caller may see, in a form a repository can turn into SQL (`scopeFilterToSql`)
 * and that serialises as JSON. There is no "all": every grant is on a node, the widest on an
 * organization, so a scope is always a set of subtrees, and never reaches into another organization.
 */
export type ScopeFilter = { kind: 'none' } | { kind: 'subtrees'; subtrees: ScopedSubtree[] };

function inside(subtree: ScopedSubtree, root: ScopedSubtree): boolean {
  return subtree.path.length >= root.path.length && subtree.path.includes(root.nodeId);
}

function subtreesOf(conditions: ScopeConditions): ScopedSubtree[] {
  return conditions.within.map((path) => ({
    nodeId: path[path.length - 1],
    path,
    ...(conditions.own ? { own: conditions.own } : {}),
  }));
}

/** An own-only subtree is covered by an unrestricted one at or above it; an unrestricted one by one above. */
function coveredBy(subtree: ScopedSubtree, root: ScopedSubtree): boolean {
  if (root.own || root === subtree || !inside(subtree, root)) return false;
  return subtree.own !== undefined || root.path.length < subtree.path.length;
}

/** Code-point order: stable across locales, so the same scope always renders the same SQL. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Drops what another subtree already covers, and duplicates, so the SQL stays short. */
function simplify(subtrees: ScopedSubtree[]): ScopedSubtree[] {
  const seen = new Set<string>();
  return subtrees
    .filter((s) => !subtrees.some((root) => coveredBy(s, root)))
    .filter((s) => {
      const key = JSON.stringify([s.nodeId, s.own?.userId ?? null, s.own?.fields ?? null]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compareText(a.path.join('.'), b.path.join('.')));
}

/**
 * The rows of `subjectType` on which `action` is permitted (on `tab`, or on any tab when omitted). Throws on
 * rules it cannot express (inverted or unscoped ones, foreign conditions) rather than return a filter
 * that leaks; abilities from `defineAbilityFor` and `unpackAbility` have none.
 */
export function scopeFilterFor(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectType,
  tab?: Tab,
): ScopeFilter {
  const subtrees: ScopedSubtree[] = [];
  for (const rule of ability.rulesFor(action, subjectType, tab)) {
    if (rule.inverted) throw new Error('scopeFilterFor cannot express inverted rules.');
    if (!Array.isArray(rule.conditions?.within)) {
      throw new Error('scopeFilterFor understands only rules scoped by ScopeConditions.');
    }
    subtrees.push(...subtreesOf(rule.conditions));
  }
  return subtrees.length === 0 ? { kind: 'none' } : { kind: 'subtrees', subtrees: simplify(subtrees) };
}
