import type { SubjectType } from './subjects';

/**
 * What makes an object a user's own, for grants restricted to own objects:
 * - `owner`: the user owns or deputises the node the object belongs to (a measure owner's measures);
 * - `assignee`: the piece of work is assigned to the user (a team member's tasks).
 */
export const OWNERSHIP_KINDS = ['owner', 'assignee'] as const;

export type OwnershipKind = (typeof OWNERSHIP_KINDS)[number];

/**
 * Objects hanging on a node are owned through that node, so services put the node's owner and deputy on
 * them under these names: a risk or a milestone has an owner of its own, who is not the measure's owner.
 */
const NODE_OWNER_FIELDS = ['nodeOwnerId', 'nodeDeputyId'] as const;

/**
 * The fields compared with the user id, per ownership kind and object type. An object type missing here
 * cannot be owned in that sense, and a grant restricted to own objects gives nothing on it.
 */
export const OWNERSHIP_FIELDS: Readonly<
  Record<OwnershipKind, Readonly<Partial<Record<SubjectType, readonly string[]>>>>
> = {
  owner: {
    Node: ['ownerId', 'deputyId'],
    Dependency: NODE_OWNER_FIELDS,
    Risk: NODE_OWNER_FIELDS,
    Milestone: NODE_OWNER_FIELDS,
    Task: NODE_OWNER_FIELDS,
    EffectLine: NODE_OWNER_FIELDS,
    Document: NODE_OWNER_FIELDS,
    GateRequest: NODE_OWNER_FIELDS,
    AuditRecord: NODE_OWNER_FIELDS,
  },
  assignee: {
    Task: ['assigneeId'],
    Milestone: ['ownerId'],
    Risk: ['ownerId'],
  },
};

export function isOwnershipKind(value: unknown): value is OwnershipKind {
  return typeof value === 'string' && (OWNERSHIP_KINDS as readonly string[]).includes(value);
}
