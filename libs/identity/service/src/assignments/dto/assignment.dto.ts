import { z } from 'zod';
import { assignmentSnapshotSchema } from '@steerco/contracts';

const validUntil = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 instant after which the assignment grants nothing; required for time-boxed roles');

export const grantAssignmentSchema = z.strictObject({
  userId: z.uuid(),
  roleId: z.string().min(1).max(64).describe('A built-in key such as measure-owner, or a custom role id'),
  nodeId: z.uuid().describe('The hierarchy node; the grant covers its whole subtree'),
  validUntil: validUntil.nullable().optional(),
});
export type GrantAssignmentInput = z.infer<typeof grantAssignmentSchema>;

export const updateAssignmentSchema = z.strictObject({ validUntil: validUntil.nullable() });
export type UpdateAssignmentInput = z.infer<typeof updateAssignmentSchema>;

export const assignmentIdSchema = z.uuid();
export const assignmentIdParamsSchema = z.strictObject({ id: z.uuid() });

export const listAssignmentsQuerySchema = z.strictObject({
  userId: z.uuid().optional(),
  nodeId: z.uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type ListAssignmentsQuery = z.infer<typeof listAssignmentsQuerySchema>;

export const assignmentResponseSchema = assignmentSnapshotSchema.extend({
  nodePath: z.array(z.uuid()).nullable().describe('The node ids from the organization down to nodeId'),
});
export type AssignmentResponse = z.infer<typeof assignmentResponseSchema>;
export const assignmentPageSchema = z.object({
  items: z.array(assignmentResponseSchema),
  nextCursor: z.string().optional(),
});
