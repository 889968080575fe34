import { SUBJECT_TABS, readAtomOf, writeAtomOf, type Atom, type SubjectType, type Tab } from '../catalogue';
import { asSubject, type AppAbility, type AuthzObject } from '../ability';
import { FIELD_MAP, placeOfField, type FieldMap } from './field-map';

/**
 * The atom that opens `tab` for `action`: asking to "view" the audit tab means `view-audit`; any other
 * action is its own atom on every tab.
 */
function atomFor(action: Atom, tab: Tab): Atom {
  return action === 'view' ? readAtomOf(tab) : action;
}

/** The tabs of `object` on which `action` is permitted, in catalogue order. */
export function permittedTabs(
  ability: AppAbility,
  action: Atom,
  type: SubjectType,
  object: AuthzObject,
): Tab[] {
  const subject = asSubject(type, object);
  return SUBJECT_TABS[type].filter((tab) => ability.can(atomFor(action, tab), subject, tab));
}

/** "Which tabs may they view on X": view for every tab, view-audit for history-audit. */
export function viewableTabs(ability: AppAbility, type: SubjectType, object: AuthzObject): Tab[] {
  return permittedTabs(ability, 'view', type, object);
}

/** The tabs whose fields the caller may change on `object` (edit, or enter-actual for actuals). */
export function editableTabs(ability: AppAbility, type: SubjectType, object: AuthzObject): Tab[] {
  const subject = asSubject(type, object);
  return SUBJECT_TABS[type].filter((tab) => {
    const atom = writeAtomOf(tab);
    return atom !== null && ability.can(atom, subject, tab);
  });
}

function keepFields(
  tabs: readonly Tab[],
  type: SubjectType,
  fields: readonly string[],
  fieldMap: FieldMap,
): string[] {
  if (tabs.length === 0) return [];
  return fields.filter((field) => {
    const place = placeOfField(fieldMap, type, field);
    return place === 'identity' || (place !== undefined && tabs.includes(place));
  });
}

/** The names of `object`'s fields the caller may see. */
export function viewableFields(
  ability: AppAbility,
  type: SubjectType,
  object: AuthzObject,
  fieldMap: FieldMap = FIELD_MAP,
): string[] {
  return keepFields(viewableTabs(ability, type, object), type, Object.keys(object), fieldMap);
}

/**
 * `object` with only the fields of the tabs `action` is permitted on (identity fields included when any
 * is); an empty object when none is. What a response or an export may carry.
 */
export function filterFields<T extends AuthzObject>(
  ability: AppAbility,
  action: Atom,
  type: SubjectType,
  object: T,
  fieldMap: FieldMap = FIELD_MAP,
): Partial<T> {
  const tabs = permittedTabs(ability, action, type, object);
  const kept = keepFields(tabs, type, Object.keys(object), fieldMap);
  return Object.fromEntries(kept.map((field) => [field, object[field]])) as Partial<T>;
}

/**
 * The changed fields the caller may not write on `object` (the stored record, before the change): fields of
 * tabs they may not edit, identity fields, fields of no tab. Domain §6: a write touching any of them is
 * refused as a whole, so a non-empty answer means refuse.
 */
export function forbiddenFieldsForWrite(
  ability: AppAbility,
  type: SubjectType,
  object: AuthzObject,
  changedFieldNames: readonly string[],
  fieldMap: FieldMap = FIELD_MAP,
): string[] {
  const editable = editableTabs(ability, type, object);
  return changedFieldNames.filter((field) => {
    const place = placeOfField(fieldMap, type, field);
    return place === undefined || place === 'identity' || !editable.includes(place);
  });
}
