import type { SodViolation } from '@steerco/authz';
import { SodErrors } from '@steerco/identity-domain';
import type { AppError } from '@steerco/platform-errors';

/**
 * The problem for each SoD rule checked at assignment time, with the rule's own code. The action rules are
 * checked by the services where those actions happen, never here.
 */
export const ASSIGNMENT_SOD_ERRORS: Partial<Record<SodViolation['code'], (detail?: string) => AppError>> = {
  'AUTHZ.SOD_CONFLICTING_ROLES': SodErrors.SOD_CONFLICTING_ROLES,
  'AUTHZ.SOD_SELF_ASSIGNMENT': SodErrors.SOD_SELF_ASSIGNMENT,
};

/** One problem for every violation found: the first rule's code, every message in the detail. */
export function sodProblem(violations: readonly SodViolation[]): AppError {
  const error = ASSIGNMENT_SOD_ERRORS[violations[0].code] ?? SodErrors.SOD_CONFLICTING_ROLES;
  return error(violations.map((v) => v.message).join(' '));
}
