import { SUBJECT_TABS, readAtomOf, type Atom, type SubjectType, type Tab } from '../catalogue';
import {
  objectPathAncestry,
  type Ancestry,
  type AppAbility,
  type AuthzObject,
  type ScopeConditions,
} from '../ability';
import { FIELD_MAP, placeOfField, type FieldMap } from './field-map';
import { filterFields } from './field-access';

/**
 * What every object in scope may show when the caller's relevant rules all share one scope: then an object
 * is either out of scope (nothing) or matches every rule (the union of their tabs), whatever its place.
 */
interface UniformScope {
  roots: ReadonlySet<string>;
  tabs: readonly Tab[];
}

const uniformScopes = new WeakMap<AppAbility, Map<string, UniformScope | null>>();

function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

/**
 * The shared scope of the rules deciding `action` on `type`'s tabs, or null when they differ in scope,
 * restrict to own objects or forbid anything (then tabs vary from object to object). Read once per ability.
 */
function uniformScopeOf(ability: AppAbility, action: Atom, type: SubjectType): UniformScope | null {
  let ofAbility = uniformScopes.get(ability);
  if (!ofAbility) uniformScopes.set(ability, (ofAbility = new Map()));
  const key = `${action}|${type}`;
  const known = ofAbility.get(key);
  if (known !== undefined) return known;

  const tabs = SUBJECT_TABS[type];
  const atomsOfTab = new Map<Tab, Atom>(
    tabs.map((tab) => [tab, action === 'view' ? readAtomOf(tab) : action]),
  );
  const atoms = new Set<string>(atomsOfTab.values());
  // CASL's catch-alls (`manage`, `all`) never come out of Steerco's roles; if one does, no shortcut.
  const catchAll = (rule: AppAbility['rules'][number]) =>
    [rule.action].flat().includes('manage' as never) || [rule.subject].flat().includes('all' as never);
  const rules = ability.rules.filter(
    (rule) => catchAll(rule) || (atoms.has(rule.action as string) && [rule.subject].flat().includes(type)),
  );
  let scope: UniformScope | null = null;
  const granted = new Set<Tab>();
  let roots: Set<string> | undefined;
  let uniform = rules.length > 0;
  for (const rule of rules) {
    const conditions = rule.conditions as ScopeConditions | undefined;
    if (catchAll(rule) || rule.inverted || !conditions || conditions.own) {
      uniform = false;
      break;
    }
    const ruleRoots = new Set(conditions.within.map((path) => path[path.length - 1]));
    if (roots && !sameMembers(roots, ruleRoots)) {
      uniform = false;
      break;
    }
    roots = ruleRoots;
    const fields = rule.fields === undefined ? tabs : [rule.fields].flat();
    for (const tab of tabs) if (fields.includes(tab) && atomsOfTab.get(tab) === rule.action) granted.add(tab);
  }
  if (uniform && roots && granted.size > 0) scope = { roots, tabs: tabs.filter((tab) => granted.has(tab)) };
  ofAbility.set(key, scope);
  return scope;
}

/** The kept fields of one object shape (its own keys, in order), or `all` when nothing is cut. */
interface ShapeDecision {
  keys: readonly string[];
  kept: readonly string[] | 'all';
}

function decide(
  object: AuthzObject,
  tabs: readonly Tab[],
  type: SubjectType,
  fieldMap: FieldMap,
): ShapeDecision {
  const keys = Object.keys(object);
  const kept = keys.filter((field) => {
    const place = placeOfField(fieldMap, type, field);
    return place === 'identity' || (place !== undefined && tabs.includes(place));
  });
  return { keys, kept: kept.length === keys.length ? 'all' : kept };
}

function sameShape(object: AuthzObject, keys: readonly string[]): boolean {
  const own = Object.keys(object);
  return own.length === keys.length && own.every((key, i) => key === keys[i]);
}

/**
 * `filterFields` for a page of objects of one type, as a list response needs it: the same answer object by
 * object, worked out once per page where the caller's rules allow. When every rule deciding the tabs shares
 * one scope (a user whose roles were all granted on the same nodes, the common case), an object in scope
 * shows the same tabs as any other, so only its place is checked; otherwise each object goes through
 * `filterFields`. Objects showing every field come back as they are, not copied.
 */
export function filterFieldsOfPage<T extends AuthzObject>(
  ability: AppAbility,
  action: Atom,
  type: SubjectType,
  objects: readonly T[],
  fieldMap: FieldMap = FIELD_MAP,
  ancestry: Ancestry = objectPathAncestry,
): Partial<T>[] {
  const scope = uniformScopeOf(ability, action, type);
  if (!scope) return objects.map((object) => filterFields(ability, action, type, object, fieldMap));
  let last: ShapeDecision | undefined;
  return objects.map((object) => {
    const path = ancestry.pathOf(object);
    if (!path || !path.some((id) => scope.roots.has(id))) return {};
    if (!last || !sameShape(object, last.keys)) last = decide(object, scope.tabs, type, fieldMap);
    if (last.kept === 'all') return object;
    const visible: Record<string, unknown> = {};
    for (const field of last.kept) visible[field] = object[field];
    return visible as Partial<T>;
  });
}
