import { z } from 'zod';
import { roleGrantSchema } from '@steerco/contracts';

/** Read loosely here: validateCustomRole checks every value and reports every problem at once, with codes. */
const grantInput = z.strictObject({
  atom: z.string().max(40),
  tabs: z.array(z.string().max(40)).max(20),
  subjects: z.array(z.string().max(40)).max(20).optional(),
  ownOnly: z.string().max(20).optional(),
  delegateOnly: z.boolean().optional(),
});

const name = z.string().trim().min(1).max(100);
const description = z.string().trim().max(1000).nullable();

export const createRoleSchema = z.strictObject({
  name,
  description: description.optional(),
  grants: z.array(grantInput).max(100),
  mfaRequired: z.boolean().optional(),
  timeBoxed: z.boolean().optional(),
});
export type CreateRoleInput = z.infer<typeof createRoleSchema>;

export const updateRoleSchema = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    grants: z.array(grantInput).max(100).optional(),
    mfaRequired: z.boolean().optional(),
    timeBoxed: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' });
export type UpdateRoleInput = z.infer<typeof updateRoleSchema>;

/** Built-in keys (measure-owner) or custom role ids (UUIDs). */
export const roleIdSchema = z.string().min(1).max(64);
export const roleIdParamsSchema = z.strictObject({ id: roleIdSchema });

export const roleResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  builtIn: z.boolean().describe('Built-in roles come with @steerco/authz and are read-only'),
  grants: z.array(roleGrantSchema),
  mfaRequired: z.boolean(),
  timeBoxed: z.boolean().describe('An assignment of this role needs validUntil'),
  version: z.number().int().positive().nullable().describe('Custom roles only; their ETag'),
});
export type RoleResponse = z.infer<typeof roleResponseSchema>;
export const roleListSchema = z.object({ items: z.array(roleResponseSchema) });
