import { defineErrors } from '@steerco/platform-errors';

/** Roles, role assignments and who may manage them. Refusals name the failing rule in their code. */
export const AccessErrors = defineErrors('IDENTITY', {
  ROLE_NOT_FOUND: { status: 404, title: 'Role not found' },
  ROLE_BUILT_IN: { status: 409, title: 'Built-in roles are read-only' },
  ROLE_INVALID: { status: 422, title: 'The role definition is invalid' },
  ROLE_IN_USE: { status: 409, title: 'The role is still assigned' },
  GRANT_EXCEEDS_HOLDINGS: { status: 403, title: 'Nobody grants more than they hold' },
  ASSIGNMENT_NOT_FOUND: { status: 404, title: 'Role assignment not found' },
  NODE_UNKNOWN: { status: 422, title: 'No such hierarchy node' },
  NODE_ARCHIVED: { status: 422, title: 'The hierarchy node is archived' },
  ASSIGNEE_UNKNOWN: { status: 422, title: 'No such user' },
  ASSIGNEE_DISABLED: { status: 422, title: 'The user is disabled' },
  ROLE_UNKNOWN: { status: 422, title: 'No such role' },
  VALID_UNTIL_REQUIRED: { status: 422, title: 'This role is time-boxed: validUntil is required' },
  VALID_UNTIL_PAST: { status: 422, title: 'validUntil must lie in the future' },
});

/**
 * Segregation-of-duties refusals carry the rule's own code from @steerco/authz (AUTHZ.SOD_...), so a client
 * reads the same code in the problem as in the library's SOD_RULES. (A domain library may not import
 * @steerco/authz; the service maps the library's codes onto these and a spec keeps them equal.)
 */
export const SodErrors = defineErrors('AUTHZ', {
  SOD_CONFLICTING_ROLES: { status: 422, title: 'The assignment would break segregation of duties' },
  SOD_SELF_ASSIGNMENT: { status: 422, title: 'Nobody assigns a role to themselves' },
});
