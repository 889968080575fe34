import { SUBJECT_TABS, type SubjectType, type Tab } from '../catalogue';

/** Which tab each field of an object type belongs to. */
export interface SubjectFieldMap {
  /** Fields that name the object: shown whenever any tab is, never written. */
  identity: readonly string[];
  tabs: Readonly<Partial<Record<Tab, readonly string[]>>>;
}

export type FieldMap = Readonly<Partial<Record<SubjectType, SubjectFieldMap>>>;

/**
 * The field map of the types that span several tabs. A type on a single tab (a risk, a document) needs no
 * entry: all its fields belong to that tab. On a multi-tab type, a field missing here belongs to no tab, so
 * it is never shown and never written: a service adds its fields with `extendFieldMap` before using them.
 */
export const FIELD_MAP: FieldMap = {
  Node: {
    identity: ['id'],
    tabs: {
      overview: [
        'key',
        'title',
        'description',
        'level',
        'parentId',
        'path',
        'ownerId',
        'deputyId',
        'sponsorId',
        'controllerId',
        'businessUnit',
        'function',
        'legalEntity',
        'region',
        'costCentre',
        'measureKind',
        'customerRef',
        'tags',
        'archived',
        'version',
        'createdAt',
        'updatedAt',
        'createdBy',
        'updatedBy',
      ],
    },
  },
  // Domain §4: the line's dimensions and its planning series on one tab, actuals and their validation on
  // the other.
  EffectLine: {
    identity: ['id'],
    tabs: {
      'financials-plan': [
        'nodeId',
        'effectType',
        'account',
        'businessUnit',
        'legalEntity',
        'costCentre',
        'target',
        'plan',
        'forecast',
      ],
      'financials-actual': ['actual', 'actualState', 'validatedBy', 'validatedAt'],
    },
  },
};

const DEFAULT_IDENTITY: readonly string[] = ['id'];

/** Where a field belongs: a tab, `identity`, or `undefined` (nowhere: hidden and read-only). */
export type FieldPlace = Tab | 'identity' | undefined;

const indexCache = new WeakMap<FieldMap, Map<SubjectType, Map<string, Tab | 'identity'>>>();

function indexOf(fieldMap: FieldMap, type: SubjectType): Map<string, Tab | 'identity'> | undefined {
  let perType = indexCache.get(fieldMap);
  if (!perType) {
    perType = new Map();
    indexCache.set(fieldMap, perType);
  }
  let index = perType.get(type);
  const entry = fieldMap[type];
  if (!index && entry) {
    index = new Map();
    for (const field of entry.identity) index.set(field, 'identity');
    for (const [tab, fields] of Object.entries(entry.tabs) as [Tab, readonly string[]][]) {
      for (const field of fields) index.set(field, tab);
    }
    perType.set(type, index);
  }
  return index;
}

export function placeOfField(fieldMap: FieldMap, type: SubjectType, field: string): FieldPlace {
  const place = indexOf(fieldMap, type)?.get(field);
  if (place) return place;
  if (!fieldMap[type] && DEFAULT_IDENTITY.includes(field)) return 'identity';
  const tabs = SUBJECT_TABS[type];
  return tabs.length === 1 ? tabs[0] : undefined;
}

/**
 * A copy of `base` with more fields of `type` on the given tabs, for the fields a service adds (the status
 * service's statuses on the status tab of a node, say). Refuses a tab the type does not have and a field
 * already placed elsewhere: a field sits on exactly one tab.
 */
export function extendFieldMap(
  base: FieldMap,
  type: SubjectType,
  additions: Readonly<Partial<Record<Tab, readonly string[]>>>,
): FieldMap {
  const current: SubjectFieldMap = base[type] ?? { identity: DEFAULT_IDENTITY, tabs: {} };
  const tabs: Partial<Record<Tab, readonly string[]>> = { ...current.tabs };
  for (const [tab, fields] of Object.entries(additions) as [Tab, readonly string[]][]) {
    if (!SUBJECT_TABS[type].includes(tab)) throw new Error(`${type} has no tab ${tab}.`);
    for (const field of fields) {
      const place = indexOf(base, type)?.get(field);
      if (place !== undefined && place !== tab) {
        throw new Error(`${type}.${field} already belongs to ${place}.`);
      }
    }
    tabs[tab] = [...new Set([...(tabs[tab] ?? []), ...fields])];
  }
  return { ...base, [type]: { identity: current.identity, tabs } };
}
