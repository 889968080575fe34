import {
  ATOM_SUBJECTS,
  OWNERSHIP_FIELDS,
  SUBJECT_TABS,
  sortTabs,
  type SubjectType,
  type Tab,
} from '../catalogue';
import type { Grant } from '../roles';
import { delegateActionOf, type Action } from './ability.types';

/** One CASL rule's worth of a grant: an action on one object type, on the tabs that type has. */
export interface GrantExpansion {
  action: Action;
  subject: SubjectType;
  tabs: Tab[];
  /** Set for `ownOnly` grants: the fields one of which must hold the user id. */
  ownFields?: readonly string[];
}

/**
 * Spreads a grant over the object types its atom applies to, keeping on each only the tabs that type has.
 * A type that has none of the granted tabs, or that cannot be owned in the grant's sense, gets nothing.
 */
export function expandGrant(grant: Grant): GrantExpansion[] {
  const applicable = ATOM_SUBJECTS[grant.atom];
  const subjects = grant.subjects ? applicable.filter((type) => grant.subjects?.includes(type)) : applicable;
  const action = grant.delegateOnly ? delegateActionOf(grant.atom) : grant.atom;
  const expansions: GrantExpansion[] = [];
  for (const subject of subjects) {
    const tabs = sortTabs(grant.tabs.filter((tab) => SUBJECT_TABS[subject].includes(tab)));
    if (tabs.length === 0) continue;
    if (!grant.ownOnly) {
      expansions.push({ action, subject, tabs });
      continue;
    }
    const ownFields = OWNERSHIP_FIELDS[grant.ownOnly][subject];
    if (ownFields) expansions.push({ action, subject, tabs, ownFields });
  }
  return expansions;
}
