import { IdentityErrors } from '@steerco/identity-domain';
import { PlatformErrors } from '@steerco/platform-nest';
import type { UserAccount } from '../user.entity';
import type { UserRepository } from '../user.repository';

/**
 * Loads and locks a user a command changes, checking the caller's If-Match version when one was sent, with
 * whether they have a confirmed second factor (every user snapshot carries it).
 */
export async function loadUserForChange(
  users: UserRepository,
  id: string,
  expectedVersion: number | undefined,
): Promise<{ user: UserAccount; mfaEnrolled: boolean }> {
  const user = await users.findForUpdate(id);
  if (!user) throw IdentityErrors.USER_NOT_FOUND(`No user ${id}.`);
  if (expectedVersion !== undefined && user.version !== expectedVersion) {
    throw PlatformErrors.VERSION_CONFLICT(
      `The user is at version ${user.version}, not ${expectedVersion}: read it again and reapply your change.`,
    );
  }
  return { user, mfaEnrolled: await users.hasConfirmedMfa(id) };
}
