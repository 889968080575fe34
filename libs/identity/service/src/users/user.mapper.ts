import type { UserSnapshot } from '@steerco/contracts';
import type { UserAccount } from './user.entity';

/** The user as the API answers and events publish it: never a password hash or an MFA secret. */
export function toSnapshot(user: UserAccount, mfaEnrolled: boolean): UserSnapshot {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    status: user.status,
    locale: user.locale,
    timeZone: user.timeZone,
    mfaEnrolled,
    mfaRequired: user.mfaRequired,
    platformAdmin: user.platformAdmin,
    version: user.version,
  };
}

export function touch(user: UserAccount, actor: string, now = new Date()): void {
  user.version += 1;
  user.updatedAt = now;
  user.updatedBy = actor;
}
