import type { Ability, ForcedSubject } from '@casl/ability';
import type { Atom, SubjectType } from '../catalogue';

/** The action that lets a holder hand an atom on without using it (a `delegateOnly` grant). */
export type DelegateAction = `delegate:${Atom}`;

export type Action = Atom | DelegateAction;

export function delegateActionOf(atom: Atom): DelegateAction {
  return `delegate:${atom}`;
}

/** A plain record checked against the rules: it carries its `path` and, where it matters, owner fields. */
export type AuthzObject = Readonly<Record<string, unknown>>;

export type AuthzSubject = SubjectType | (ForcedSubject<SubjectType> & AuthzObject);

/**
 * The only conditions a rule may carry. A closed shape instead of MongoDB queries: every rule can be turned
 * into a database filter, packed for the web app, and checked in constant time, and no operator can sneak in.
 */
export interface ScopeConditions {
  /** Paths (organization → granted node) of the nodes the rule was granted on; their subtrees are in scope. */
  within: readonly (readonly string[])[];
  /** When set, only the user's own objects: one of `fields` holds `userId`. */
  own?: { userId: string; fields: readonly string[] };
}

/** CASL ability whose fields are tabs: `ability.can('view', subject, 'financials-plan')`. */
export type AppAbility = Ability<[Action, AuthzSubject], ScopeConditions>;
