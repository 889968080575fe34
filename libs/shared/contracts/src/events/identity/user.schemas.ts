import { z } from 'zod';

/** invited: no password yet; active: may log in; disabled: may not log in or refresh. */
export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export const userStatusSchema = z.enum(USER_STATUSES);

/** The user as it is published: the full state after the change. Never any credential. */
export const userSnapshotSchema = z.object({
  id: z.uuid(),
  email: z.string().describe('Lower-cased; unique regardless of case'),
  displayName: z.string(),
  status: userStatusSchema,
  locale: z.string().describe('BCP 47 tag, e.g. en-GB'),
  timeZone: z.string().describe('IANA time zone, e.g. Europe/Berlin'),
  mfaEnrolled: z.boolean().describe('A confirmed TOTP second factor is set up'),
  mfaRequired: z.boolean().describe('A second factor is mandatory for this user'),
  platformAdmin: z
    .boolean()
    .describe(
      'Installation administrator (the bootstrap admin): may create organizations and manage users and role assignments anywhere; holds no business permission by this flag alone',
    ),
  version: z.number().int().positive(),
});
export type UserSnapshot = z.infer<typeof userSnapshotSchema>;

const fieldChangeSchema = z.object({ before: z.unknown(), after: z.unknown() });

export const userCreatedV1Schema = z.object({ user: userSnapshotSchema });
export const userUpdatedV1Schema = z.object({
  user: userSnapshotSchema,
  changes: z
    .record(z.string(), fieldChangeSchema)
    .describe('Changed fields with their value before and after'),
});
export const userStatusChangedV1Schema = z.object({ user: userSnapshotSchema });
export const userMfaChangedV1Schema = z.object({ user: userSnapshotSchema });
