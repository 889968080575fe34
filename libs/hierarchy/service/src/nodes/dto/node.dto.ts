import { z } from 'zod';
import { nodeLevelSchema, nodeSnapshotSchema } from '@steerco/contracts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullable().optional();
const userId = z.string().trim().min(1).max(128).nullable().optional();

/** Attributes a client may set on create and change on update. */
const editableFields = {
  title: text(200),
  description: z.string().max(10_000).nullable().optional(),
  ownerId: userId,
  deputyId: userId,
  sponsorId: userId,
  controllerId: userId,
  businessUnit: optionalText(100),
  function: optionalText(100),
  legalEntity: optionalText(100),
  region: optionalText(100),
  costCentre: optionalText(50),
  measureKind: optionalText(100),
  customerRef: optionalText(100),
  tags: z.array(text(50)).max(50).optional(),
};

export const EDITABLE_FIELDS = Object.keys(editableFields) as (keyof typeof editableFields)[];

export const createNodeSchema = z.strictObject({
  level: nodeLevelSchema,
  parentId: z.uuid().optional(),
  ...editableFields,
});
export type CreateNodeInput = z.infer<typeof createNodeSchema>;

export const updateNodeSchema = z
  .strictObject({ ...editableFields, title: editableFields.title.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' });
export type UpdateNodeInput = z.infer<typeof updateNodeSchema>;

export const nodeIdParamsSchema = z.strictObject({ id: z.uuid() });
export const nodeIdSchema = z.uuid();

export const listNodesQuerySchema = z.strictObject({
  parentId: z.uuid().optional(),
  level: nodeLevelSchema.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type ListNodesQuery = z.infer<typeof listNodesQuerySchema>;

export const subtreeQuerySchema = z.strictObject({
  level: nodeLevelSchema.optional(),
  kind: z.string().trim().min(1).max(100).optional(),
  businessUnit: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});
export type SubtreeQuery = z.infer<typeof subtreeQuerySchema>;

export const childrenQuerySchema = listNodesQuerySchema.omit({ parentId: true });
export type ChildrenQuery = z.infer<typeof childrenQuerySchema>;

export const moveNodeSchema = z.strictObject({ parentId: z.uuid() });
export type MoveNodeInput = z.infer<typeof moveNodeSchema>;

export const archiveNodeSchema = z.strictObject({ cascade: z.boolean().optional() }).optional();
export type ArchiveNodeInput = z.infer<typeof archiveNodeSchema>;

/** A node as the caller may see it: fields of tabs they may not view are left out (domain §6). */
export const nodeResponseSchema = nodeSnapshotSchema
  .partial()
  .describe('The node; only the fields of the tabs the caller may view are present');
const restrictedAncestorSchema = z
  .object({ id: z.uuid(), level: z.string(), title: z.string(), restricted: z.literal(true) })
  .describe("An ancestor outside the caller's scope: shown in the breadcrumb by its title only");
export const ancestorsResponseSchema = z.object({
  items: z.array(z.union([nodeResponseSchema, restrictedAncestorSchema])),
});
export const nodePageSchema = z.object({
  items: z.array(nodeResponseSchema),
  nextCursor: z.string().optional(),
});

export const auditRecordResponseSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actor: z.string(),
  action: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  correlationId: z.string(),
  cause: z.string().nullable(),
});
export const historyResponseSchema = z.object({ items: z.array(auditRecordResponseSchema) });
