import { z } from 'zod';

/** One permission atom granted on tabs, as `@steerco/authz` composes roles. Kept loose here: the library validates. */
export const roleGrantSchema = z.object({
  atom: z.string(),
  tabs: z.array(z.string()),
  subjects: z.array(z.string()).optional(),
  ownOnly: z.string().optional(),
  delegateOnly: z.boolean().optional(),
});

export const customRoleSnapshotSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  grants: z.array(roleGrantSchema),
  mfaRequired: z.boolean(),
  timeBoxed: z.boolean(),
  version: z.number().int().positive(),
});
export type CustomRoleSnapshot = z.infer<typeof customRoleSnapshotSchema>;

export const roleChangedV1Schema = z.object({ role: customRoleSnapshotSchema });
export const roleDeletedV1Schema = z.object({ roleId: z.uuid() });

export const assignmentSnapshotSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  roleId: z.string().describe('A built-in role key such as measure-owner, or a custom role id'),
  nodeId: z.uuid().describe('The hierarchy node the grant covers, with its whole subtree'),
  validUntil: z.string().nullable().describe('ISO 8601 instant after which it grants nothing'),
  version: z.number().int().positive(),
});
export type AssignmentSnapshot = z.infer<typeof assignmentSnapshotSchema>;

export const assignmentChangedV1Schema = z.object({ assignment: assignmentSnapshotSchema });
