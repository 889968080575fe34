import { nodeCreatedV1, type NodeSnapshot } from '@steerco/contracts';
import type { FieldChanges, SqlTransactionScope } from '@steerco/platform-persistence';
import type { HierarchyNode } from '../node.entity';
import { snapshotWithPath, toSnapshot } from '../node.mapper';

/**
 * The audit record and the created event of a new node. The record lists every field that was set, from
 * nothing to its value. Left out: fields left empty (they did not change; listing them doubled the
 * record's size), the id (it is the record's object id) and the path (derived from the parent, which
 * is listed). The event carries the whole node.
 */
const NOT_AUDITED_ON_CREATION = new Set<string>(['id', 'path']);

/** The snapshot's fields in code-unit order, the order the audit trail hashes fastest (canonicalJson). */
let auditedFields: (keyof NodeSnapshot)[] | undefined;

/** Every field that was set, from nothing to its value, keys in code-unit order at both levels. */
function creationChanges(snapshot: NodeSnapshot): FieldChanges {
  auditedFields ??= (Object.keys(snapshot) as (keyof NodeSnapshot)[])
    .filter((field) => !NOT_AUDITED_ON_CREATION.has(field))
    .sort();
  const changes: FieldChanges = {};
  for (const field of auditedFields) {
    const after = snapshot[field];
    if (after === null || after === undefined || (Array.isArray(after) && after.length === 0)) continue;
    changes[field] = { after, before: null };
  }
  return changes;
}

/** `pathIds`: the node's path as ids, when the caller has them (see toSnapshot). */
export function recordCreation(
  tx: SqlTransactionScope,
  node: HierarchyNode,
  pathIds?: string[],
): NodeSnapshot {
  const snapshot = pathIds ? snapshotWithPath(node, pathIds) : toSnapshot(node);
  tx.audit({
    objectType: 'node',
    objectId: node.id,
    action: 'created',
    newObject: true,
    changes: creationChanges(snapshot),
  });
  tx.emit({
    definition: nodeCreatedV1,
    subject: node.id,
    aggregateVersion: node.version,
    data: { node: snapshot },
  });
  return snapshot;
}
