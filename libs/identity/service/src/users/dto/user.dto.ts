import { z } from 'zod';
import { userSnapshotSchema, userStatusSchema } from '@steerco/contracts';
import { canonicalLocale, canonicalTimeZone, PASSWORD_MAX_LENGTH } from '@steerco/identity-domain';

const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }));
const displayName = z.string().trim().min(1).max(200);
const locale = z
  .string()
  .max(35)
  .transform(
    (value, ctx) =>
      canonicalLocale(value) ??
      (ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag such as en-GB' }), z.NEVER),
  );
const timeZone = z
  .string()
  .max(64)
  .transform(
    (value, ctx) =>
      canonicalTimeZone(value) ??
      (ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Berlin' }), z.NEVER),
  );
/** The policy itself (length, e-mail, common passwords) is checked by the domain, with its own messages. */
export const passwordField = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH * 4);

export const createUserSchema = z.strictObject({
  email,
  displayName,
  locale: locale.optional(),
  timeZone: timeZone.optional(),
  password: passwordField.optional().describe('Without it the user is invited: POST /users/{id}/invitation'),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({
    email: email.optional(),
    displayName: displayName.optional(),
    locale: locale.optional(),
    timeZone: timeZone.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const userIdSchema = z.uuid();
export const userIdParamsSchema = z.strictObject({ id: z.uuid() });

export const listUsersQuerySchema = z.strictObject({
  status: userStatusSchema.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const userResponseSchema = userSnapshotSchema;
export const userPageSchema = z.object({
  items: z.array(userSnapshotSchema),
  nextCursor: z.string().optional(),
});
export const invitationResponseSchema = z.object({
  invitationToken: z.string().describe('Shown once; the person accepts with POST /auth/invitation/accept'),
  expiresAt: z.string(),
});
