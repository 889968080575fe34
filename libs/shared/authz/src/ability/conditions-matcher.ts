import type { FieldMatcher, MatchConditions } from '@casl/ability';
import type { AuthzObject, ScopeConditions } from './ability.types';
import type { Ancestry } from './ancestry';

const DENY = (() => false) as unknown as MatchConditions;

function isScopeConditions(value: unknown): value is ScopeConditions {
  if (typeof value !== 'object' || value === null) return false;
  const { within, own } = value as Record<string, unknown>;
  const withinOk =
    Array.isArray(within) &&
    within.every(
      (path) => Array.isArray(path) && path.length > 0 && path.every((id) => typeof id === 'string'),
    );
  if (!withinOk || !Object.keys(value).every((key) => key === 'within' || key === 'own')) return false;
  if (own === undefined) return true;
  if (typeof own !== 'object' || own === null) return false;
  const { userId, fields } = own as Record<string, unknown>;
  return (
    typeof userId === 'string' &&
    userId !== '' &&
    Array.isArray(fields) &&
    fields.length > 0 &&
    fields.every((field) => typeof field === 'string')
  );
}

/**
 * Builds the CASL conditions matcher for `ScopeConditions`. Anything else (a malformed or foreign condition,
 * say from a tampered packed ability) matches nothing: default deny.
 */
export function scopeConditionsMatcher(ancestry: Ancestry) {
  return (conditions: ScopeConditions): MatchConditions => {
    if (!isScopeConditions(conditions)) return DENY;
    // The last id of each path is the granted node; an object is inside when that id is on its own path.
    const grantedNodes = new Set(conditions.within.map((path) => path[path.length - 1]));
    const own = conditions.own;
    const match = (object: AuthzObject): boolean => {
      const path = ancestry.pathOf(object);
      if (!path || !path.some((id) => grantedNodes.has(id))) return false;
      return !own || own.fields.some((field) => object[field] === own.userId);
    };
    return match as unknown as MatchConditions;
  };
}

/** Tabs are plain names: exact match, no CASL wildcard patterns. */
export const tabFieldMatcher: FieldMatcher = (fields) => {
  const allowed = new Set<string>(fields);
  return (field) => allowed.has(field);
};
