import { ArrayType, EntitySchema } from '@mikro-orm/postgresql';
import { pathLabel } from '@steerco/authz';
import type { NodeLevel } from '@steerco/hierarchy-domain';

/** A node of the work tree. `path` is an ltree of ids (dashes removed) from the organization to the node. */
export class HierarchyNode {
  id!: string;
  key!: string;
  level!: NodeLevel;
  parentId: string | null = null;
  path!: string;
  title!: string;
  description: string | null = null;
  ownerId: string | null = null;
  deputyId: string | null = null;
  sponsorId: string | null = null;
  controllerId: string | null = null;
  businessUnit: string | null = null;
  function: string | null = null;
  legalEntity: string | null = null;
  region: string | null = null;
  costCentre: string | null = null;
  measureKind: string | null = null;
  customerRef: string | null = null;
  tags: string[] = [];
  archived = false;
  version = 1;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
  createdBy!: string;
  updatedBy!: string;
}

export const HierarchyNodeSchema = new EntitySchema<HierarchyNode>({
  class: HierarchyNode,
  tableName: 'node',
  properties: {
    id: { type: 'uuid', primary: true },
    key: { type: 'string', unique: true },
    level: { type: 'string' },
    parentId: { type: 'uuid', nullable: true },
    path: { type: 'string', columnType: 'ltree' },
    title: { type: 'string' },
    description: { type: 'text', nullable: true },
    ownerId: { type: 'string', nullable: true },
    deputyId: { type: 'string', nullable: true },
    sponsorId: { type: 'string', nullable: true },
    controllerId: { type: 'string', nullable: true },
    businessUnit: { type: 'string', nullable: true },
    function: { type: 'string', nullable: true, fieldName: 'function' },
    legalEntity: { type: 'string', nullable: true },
    region: { type: 'string', nullable: true },
    costCentre: { type: 'string', nullable: true },
    measureKind: { type: 'string', nullable: true },
    customerRef: { type: 'string', nullable: true },
    tags: { type: ArrayType, columnType: 'text[]' },
    archived: { type: 'boolean' },
    version: { type: 'integer' },
    createdAt: { type: 'Date', columnType: 'timestamptz' },
    updatedAt: { type: 'Date', columnType: 'timestamptz' },
    createdBy: { type: 'string' },
    updatedBy: { type: 'string' },
  },
});

/** The ltree path of a node under `parentPath` (an organization's, with none, is its own label). */
export function childPath(parentPath: string | null | undefined, id: string): string {
  return parentPath ? `${parentPath}.${pathLabel(id)}` : pathLabel(id);
}

/**
 * Ids of the labels of a path, organization first. Listings convert thousands of paths that share their
 * ancestors' labels, so converted labels are remembered (bounded: the memo is dropped when full).
 */
export function idsOfPath(path: string): string[] {
  return path.split('.').map(idOfLabel);
}

const MEMO_LIMIT = 50_000;
const idsOfLabels = new Map<string, string>();

function idOfLabel(label: string): string {
  let id = idsOfLabels.get(label);
  if (id === undefined) {
    id = `${label.slice(0, 8)}-${label.slice(8, 12)}-${label.slice(12, 16)}-${label.slice(16, 20)}-${label.slice(20)}`;
    if (idsOfLabels.size >= MEMO_LIMIT) idsOfLabels.clear();
    idsOfLabels.set(label, id);
  }
  return id;
}
