import type { UserSnapshot } from '@steerco/contracts';
import { IdentityErrors } from '@steerco/identity-domain';
import { PlatformErrors } from '@steerco/platform-nest';
import { denied } from '../access/access-denial';
import { managesUsers, type CallerAccess } from '../access/caller-access';

/**
 * Who may do what to user accounts. Users are installation-wide (not placed in the tree), so a user manager
 * (a platform admin, or anyone holding manage-roles somewhere) manages all of them; everybody else sees only
 * themselves, and other users do not exist for them (404, as for an unknown id).
 */
export function assertManagesUsers(access: CallerAccess, operation: string, target?: string): void {
  if (managesUsers(access)) return;
  throw denied(
    PlatformErrors.FORBIDDEN('Managing users needs manage-roles on a node, or a platform admin.'),
    {
      callerId: access.userId,
      operation,
      target,
      reason: 'no manage-roles anywhere',
    },
  );
}

export function assertUserVisible(access: CallerAccess, userId: string, operation: string): void {
  if (userId === access.userId || managesUsers(access)) return;
  throw denied(IdentityErrors.USER_NOT_FOUND(`No user ${userId}.`), {
    callerId: access.userId,
    operation,
    target: userId,
    reason: 'outside the caller scope',
  });
}

/**
 * An administrative change (disable, MFA reset, invitation) of another user: a user manager, and only a
 * platform admin touches a platform admin, so that nobody locks the installation's administrator out.
 */
export function assertMayAdminister(access: CallerAccess, target: UserSnapshot, operation: string): void {
  assertUserVisible(access, target.id, operation);
  assertManagesUsers(access, operation, target.id);
  if (!target.platformAdmin || access.platformAdmin) return;
  throw denied(PlatformErrors.FORBIDDEN('Only a platform admin changes a platform admin.'), {
    callerId: access.userId,
    operation,
    target: target.id,
    reason: 'target is a platform admin',
  });
}
