import type { BuiltInRoleId } from '../roles';

/** Stable codes of the segregation-of-duties rules (domain §2); clients may switch on them. */
export const SodCodes = {
  OWNER_APPROVES_OWN_GATE: 'AUTHZ.SOD_OWNER_APPROVES_OWN_GATE',
  OWNER_VALIDATES_OWN_ACTUALS: 'AUTHZ.SOD_OWNER_VALIDATES_OWN_ACTUALS',
  CONTROLLER_OWNS_MEASURE: 'AUTHZ.SOD_CONTROLLER_OWNS_MEASURE',
  DUPLICATE_APPROVAL: 'AUTHZ.SOD_DUPLICATE_APPROVAL',
  CONFLICTING_ROLES: 'AUTHZ.SOD_CONFLICTING_ROLES',
  SELF_ASSIGNMENT: 'AUTHZ.SOD_SELF_ASSIGNMENT',
} as const;

export type SodCode = (typeof SodCodes)[keyof typeof SodCodes];

export interface SodViolation {
  code: SodCode;
  message: string;
}

export interface SodRule {
  code: SodCode;
  /** When the rule is checked. */
  when: 'assignment' | 'action';
  description: string;
}

/** The rules as data, for documentation and for an admin screen that explains a refusal. */
export const SOD_RULES: readonly SodRule[] = [
  {
    code: SodCodes.OWNER_APPROVES_OWN_GATE,
    when: 'action',
    description: 'The owner or deputy of a measure never approves its gates, closure sign-off included.',
  },
  {
    code: SodCodes.OWNER_VALIDATES_OWN_ACTUALS,
    when: 'action',
    description: 'The owner or deputy of a measure never validates its actuals.',
  },
  {
    code: SodCodes.CONTROLLER_OWNS_MEASURE,
    when: 'action',
    description: 'The controller of a measure is neither its owner nor its deputy.',
  },
  {
    code: SodCodes.DUPLICATE_APPROVAL,
    when: 'action',
    description: 'No approval counts twice for one person: one person approves a gate request once.',
  },
  {
    code: SodCodes.CONFLICTING_ROLES,
    when: 'assignment',
    description: 'A user never holds two conflicting roles on overlapping parts of the tree.',
  },
  {
    code: SodCodes.SELF_ASSIGNMENT,
    when: 'assignment',
    description: 'Nobody assigns a role to themselves.',
  },
];

export interface RoleConflict {
  roles: readonly [BuiltInRoleId, BuiltInRoleId];
  reason: string;
}

/**
 * Role pairs one user may not hold where their subtrees overlap (same node, or one above the other): a
 * controller who is also a measure owner there could end up controlling their own measure. Other overlaps
 * (a sponsor owning a measure in their program) are legitimate; the action checks stop the approval itself.
 */
export const CONFLICTING_ROLE_PAIRS: readonly RoleConflict[] = [
  { roles: ['controller', 'measure-owner'], reason: 'a controller cannot own a measure they control' },
];
