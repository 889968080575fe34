import {
  canGrant,
  grantShortfall,
  validateCustomRole,
  type Grant,
  type RoleDefinition,
} from '@steerco/authz';
import { AccessErrors } from '@steerco/identity-domain';
import { PlatformErrors } from '@steerco/platform-nest';
import { denied } from '../access/access-denial';
import { managedSubtrees, type CallerAccess } from '../access/caller-access';

/** The organizations (paths of one id) where the caller may compose roles; platform admins need none. */
function composingOrganizations(access: CallerAccess): string[][] {
  return managedSubtrees(access, 'Role').filter((path) => path.length === 1);
}

/** Custom roles are composed by platform admins and by whoever manages roles at an organization. */
export function assertMayComposeRoles(access: CallerAccess, operation: string, target?: string): void {
  if (access.platformAdmin || composingOrganizations(access).length > 0) return;
  throw denied(
    PlatformErrors.FORBIDDEN('Composing roles needs manage-roles at an organization, or a platform admin.'),
    { callerId: access.userId, operation, target, reason: 'no manage-roles at an organization' },
  );
}

export interface ComposedRole {
  id: string;
  name: string;
  grants: readonly Grant[];
  mfaRequired: boolean;
  timeBoxed: boolean;
}

/** Every problem of the definition at once, as a 422 whose fields carry the library's codes. */
export function assertValidRole(role: ComposedRole, otherRoles: readonly RoleDefinition[]): void {
  const violations = validateCustomRole(role, otherRoles);
  if (violations.length === 0) return;
  throw AccessErrors.ROLE_INVALID(
    violations.map((v) => v.message).join(' '),
    violations.map((v) => ({ field: `body.${v.field}`, message: `${v.code}: ${v.message}` })),
  );
}

/**
 * Nobody composes more than they hold: the role must be within what the caller holds (or may delegate) at one
 * of the organizations where they manage roles. Platform admins may compose anything; what they compose is
 * still checked against each granter's holdings when it is assigned.
 */
export function assertWithinHoldings(access: CallerAccess, role: ComposedRole, operation: string): void {
  if (access.platformAdmin) return;
  const organizations = composingOrganizations(access);
  if (organizations.some((path) => canGrant(access.ability, role, path, 'compose'))) return;
  const shortfall = grantShortfall(access.ability, role, organizations[0] ?? []);
  throw denied(
    AccessErrors.GRANT_EXCEEDS_HOLDINGS(
      'The role grants what you do not hold at any organization where you manage roles.',
      shortfall.map((s) => ({ field: 'body.grants', message: `${s.atom} on ${s.subject}.${s.tab}` })),
    ),
    { callerId: access.userId, operation, target: role.id, reason: 'role exceeds the composer holdings' },
  );
}
