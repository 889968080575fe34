import { ATOM_SUBJECTS, ATOM_TABS, isAtom, isOwnershipKind, isSubjectType, isTab } from '../catalogue';
import { expandGrant } from '../ability';
import { BUILT_IN_ROLES, isBuiltInRoleId, type Grant, type RoleDefinition } from '../roles';
import { RoleValidationCodes as Codes, type RoleViolation } from './role-violation';

/**
 * A custom role as an admin submits it: the same shape as a role, but read from outside, so every value is
 * checked rather than trusted.
 */
export interface CustomRoleInput {
  id: string;
  name: string;
  grants: readonly unknown[];
  mfaRequired?: boolean;
  timeBoxed?: boolean;
}

function normalisedName(name: string): string {
  return name.trim().toLocaleLowerCase();
}

function validateName(role: CustomRoleInput, others: readonly RoleDefinition[]): RoleViolation[] {
  if (typeof role.name !== 'string' || role.name.trim() === '') {
    return [{ code: Codes.NAME_REQUIRED, message: 'A role needs a name.', field: 'name' }];
  }
  const taken = [...Object.values(BUILT_IN_ROLES), ...others].some(
    (other) => other.id !== role.id && normalisedName(other.name) === normalisedName(role.name),
  );
  return taken
    ? [{ code: Codes.NAME_TAKEN, message: `A role named "${role.name.trim()}" exists.`, field: 'name' }]
    : [];
}

function validateGrant(raw: unknown, at: string): RoleViolation[] {
  const grant = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (!isAtom(grant['atom'])) {
    return [
      { code: Codes.UNKNOWN_ATOM, message: `Unknown atom ${String(grant['atom'])}.`, field: `${at}.atom` },
    ];
  }
  const atom = grant['atom'];
  const violations: RoleViolation[] = [];
  const tabs = Array.isArray(grant['tabs']) ? (grant['tabs'] as unknown[]) : [];
  if (tabs.length === 0) {
    violations.push({
      code: Codes.UNKNOWN_TAB,
      message: 'A grant names at least one tab.',
      field: `${at}.tabs`,
    });
  }
  tabs.forEach((tab, i) => {
    if (!isTab(tab)) {
      violations.push({
        code: Codes.UNKNOWN_TAB,
        message: `Unknown tab ${String(tab)}.`,
        field: `${at}.tabs.${i}`,
      });
    } else if (!ATOM_TABS[atom].includes(tab)) {
      violations.push({
        code: Codes.TAB_NOT_APPLICABLE,
        message: `${atom} cannot be granted on ${tab} (only ${ATOM_TABS[atom].join(', ')}).`,
        field: `${at}.tabs.${i}`,
      });
    }
  });
  const subjects = grant['subjects'];
  if (subjects !== undefined) {
    (Array.isArray(subjects) ? subjects : [subjects]).forEach((subject: unknown, i) => {
      if (!isSubjectType(subject) || !ATOM_SUBJECTS[atom].includes(subject)) {
        violations.push({
          code: Codes.UNKNOWN_SUBJECT,
          message: `${atom} does not apply to ${String(subject)}.`,
          field: `${at}.subjects.${i}`,
        });
      }
    });
  }
  if (grant['ownOnly'] !== undefined && !isOwnershipKind(grant['ownOnly'])) {
    violations.push({
      code: Codes.UNKNOWN_OWNERSHIP,
      message: `ownOnly is "owner" or "assignee", not ${String(grant['ownOnly'])}.`,
      field: `${at}.ownOnly`,
    });
  }
  if (grant['delegateOnly'] !== undefined && typeof grant['delegateOnly'] !== 'boolean') {
    violations.push({
      code: Codes.INVALID_FLAG,
      message: 'delegateOnly is true or false.',
      field: `${at}.delegateOnly`,
    });
  }
  if (violations.length === 0 && expandGrant(grant as unknown as Grant).length === 0) {
    violations.push({
      code: Codes.GRANTS_NOTHING,
      message: `This ${atom} grant applies to no object type: check its tabs, subjects and ownOnly.`,
      field: at,
    });
  }
  return violations;
}

/**
 * Every problem of a custom role at once (never the first only): a unique name, known atoms on tabs they
 * apply to, known object types and ownership kinds, and no grant that could never grant anything.
 * `existingRoles` are the organization's other custom roles; built-in names are always taken.
 */
export function validateCustomRole(
  role: CustomRoleInput,
  existingRoles: readonly RoleDefinition[] = [],
): RoleViolation[] {
  const violations: RoleViolation[] = [];
  if (isBuiltInRoleId(role.id)) {
    violations.push({ code: Codes.ID_RESERVED, message: `${role.id} is a built-in role id.`, field: 'id' });
  }
  violations.push(...validateName(role, existingRoles));
  for (const flag of ['mfaRequired', 'timeBoxed'] as const) {
    if (role[flag] !== undefined && typeof role[flag] !== 'boolean') {
      violations.push({ code: Codes.INVALID_FLAG, message: `${flag} is true or false.`, field: flag });
    }
  }
  if (!Array.isArray(role.grants) || role.grants.length === 0) {
    violations.push({ code: Codes.NO_GRANTS, message: 'A role grants at least one atom.', field: 'grants' });
    return violations;
  }
  role.grants.forEach((grant, i) => violations.push(...validateGrant(grant, `grants.${i}`)));
  return violations;
}
