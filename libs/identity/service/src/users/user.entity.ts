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
  /** Placeholder until role assignments exist: then also true when any of the user's roles requires it. */
  mfaRequired = false;
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
    version: { type: 'integer' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    createdBy: { type: 'string' },
    updatedBy: { type: 'string' },
  },
});
