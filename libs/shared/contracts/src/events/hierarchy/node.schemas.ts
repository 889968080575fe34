import { z } from 'zod';

export const NODE_LEVELS = [
  'organization',
  'portfolio',
  'program',
  'project',
  'measurePackage',
  'measure',
] as const;
export type NodeLevel = (typeof NODE_LEVELS)[number];
export const nodeLevelSchema = z.enum(NODE_LEVELS);

/** The node as it is published: the full state after the change, so consumers need no call back. */
export const nodeSnapshotSchema = z.object({
  id: z.uuid(),
  key: z.string().describe('Stable human key, e.g. PF-12 or M-000123'),
  level: nodeLevelSchema,
  parentId: z.uuid().nullable(),
  path: z.array(z.uuid()).describe('Ids from the organization down to this node, inclusive'),
  title: z.string(),
  description: z.string().nullable(),
  ownerId: z.string().nullable(),
  deputyId: z.string().nullable(),
  sponsorId: z.string().nullable(),
  controllerId: z.string().nullable(),
  businessUnit: z.string().nullable(),
  function: z.string().nullable(),
  legalEntity: z.string().nullable(),
  region: z.string().nullable(),
  costCentre: z.string().nullable(),
  measureKind: z.string().nullable().describe('Measures only: kind from the catalogue'),
  customerRef: z.string().nullable().describe('Measures only: referenced customer (account)'),
  tags: z.array(z.string()),
  archived: z.boolean(),
  version: z.number().int().positive(),
});
export type NodeSnapshot = z.infer<typeof nodeSnapshotSchema>;

const fieldChangeSchema = z.object({ before: z.unknown(), after: z.unknown() });

export const nodeCreatedV1Schema = z.object({ node: nodeSnapshotSchema });
export const nodeUpdatedV1Schema = z.object({
  node: nodeSnapshotSchema,
  changes: z
    .record(z.string(), fieldChangeSchema)
    .describe('Changed fields with their value before and after'),
});

export const nodeMovedV1Schema = z.object({
  node: nodeSnapshotSchema,
  fromParentId: z.uuid(),
  toParentId: z.uuid(),
  descendantsMoved: z.number().int().nonnegative().describe('Descendants whose path changed with the node'),
});
export const nodeArchivedV1Schema = z.object({
  node: nodeSnapshotSchema,
  cascadeRootId: z
    .uuid()
    .nullable()
    .describe('Set when archived as part of archiving an ancestor with cascade'),
});
export const nodeUnarchivedV1Schema = z.object({ node: nodeSnapshotSchema });

export const dependencyChangedV1Schema = z.object({
  successorId: z.uuid().describe('The measure that depends (the event subject)'),
  predecessorId: z.uuid().describe('The measure it depends on'),
  nodeVersion: z.number().int().positive(),
});

export const riskSnapshotSchema = z.object({
  id: z.uuid(),
  nodeId: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  probability: z.number().int().min(1).max(5),
  impact: z.number().int().min(1).max(5),
  mitigation: z.string().nullable(),
  ownerId: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  version: z.number().int().positive(),
});
export type RiskSnapshot = z.infer<typeof riskSnapshotSchema>;
export const riskRaisedV1Schema = z.object({ risk: riskSnapshotSchema });
export const riskUpdatedV1Schema = z.object({
  risk: riskSnapshotSchema,
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
});
