import type { Atom, OwnershipKind, SubjectType, Tab } from '../catalogue';

/** One line of a role: an atom on some tabs, optionally narrowed. */
export interface Grant {
  atom: Atom;
  tabs: readonly Tab[];
  /** Narrows the grant to these object types (default: every type the atom applies to). */
  subjects?: readonly SubjectType[];
  /** Restricts the grant to the user's own objects (see `OWNERSHIP_FIELDS`). */
  ownOnly?: OwnershipKind;
  /**
   * The holder may hand this atom on (assign a role or compose one containing it) but not use it: how an
   * org admin appoints controllers without being able to validate actuals.
   */
  delegateOnly?: boolean;
}

export interface RoleDefinition {
  /** Stable key: the built-in roles use their kebab-case name (`measure-owner`), custom roles an id. */
  id: string;
  /** Display name, unique per organization. */
  name: string;
  builtIn: boolean;
  grants: readonly Grant[];
  /** A holder must have signed in with a second factor (domain §6). */
  mfaRequired: boolean;
  /** An assignment of this role must carry `validUntil`; without one it grants nothing. */
  timeBoxed: boolean;
}

/** user × role × node (domain §6): applies to the node and its descendants. */
export interface RoleAssignment {
  id: string;
  userId: string;
  roleId: string;
  nodeId: string;
  /** Node ids from the organization down to `nodeId`, which is the last one. */
  nodePath: readonly string[];
  /** ISO 8601 instant after which the assignment grants nothing. */
  validUntil?: string | null;
}

export interface ResolvedAssignment extends RoleAssignment {
  role: RoleDefinition;
}
