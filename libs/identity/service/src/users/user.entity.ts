import { EntitySchema } from '@mikro-orm/postgresql';
import type { UserStatus } from '@steerco/identity-domain';

/** A person who may use Steerco. Credentials beside the profile never leave the service (see user.mapper). */
export class UserAccount {
  id!: string;
  /** Normalised (lower-case); unique regardless of case. */
  email!: string;
  displayName!: string;
  status!: UserStatus;
  locale = 'en';
  timeZone = 'UTC';
  passwordHash: string | null = null;
  mustChangePassword = false;
  passwordChangedAt: Date | null = null;
  /**
   * A second factor is mandatory whatever the user's roles; the login also requires one when any current
   * assignment's role does (see LoginUseCase).
   */
  mfaRequired = false;
  /** Installation administrator: manages users, custom roles and assignments anywhere; no business permission. */
  platformAdmin = false;
  /** Bumped on every change of the user's effective assignments (ability caches key on it). */
  assignmentVersion = 0;
  version = 1;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
  createdBy!: string;
  updatedBy!: string;
}

export const UserAccountSchema = new EntitySchema<UserAccount>({
  class: UserAccount,
  tableName: 'user_account',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string' },
    displayName: { type: 'string' },
    status: { type: 'string' },
    locale: { type: 'string' },
    timeZone: { type: 'string' },
    passwordHash: { type: 'text', nullable: true },
    mustChangePassword: { type: 'boolean' },
    passwordChangedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
    mfaRequired: { type: 'boolean' },
    platformAdmin: { type: 'boolean' },
    assignmentVersion: { type: 'integer' },
    version: { type: 'integer' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    createdBy: { type: 'string' },
    updatedBy: { type: 'string' },
  },
});
