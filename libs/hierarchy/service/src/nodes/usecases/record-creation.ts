import { nodeCreatedV1, type NodeSnapshot } from '@steerco/contracts';
import type { SqlTransactionScope } from '@steerco/platform-persistence';
import type { HierarchyNode } from '../node.entity';
import { toSnapshot } from '../node.mapper';

/**
 * The audit record and the created event of a new node. The record lists every field that was set, from
 * nothing to its value; fields left empty did not change, and listing them doubled the record's size.
 */
export function recordCreation(tx: SqlTransactionScope, node: HierarchyNode): NodeSnapshot {
  const snapshot = toSnapshot(node);
  tx.audit({
    objectType: 'node',
    objectId: node.id,
    action: 'created',
    newObject: true,
    changes: Object.fromEntries(
      Object.entries(snapshot)
        .filter(([, after]) => after !== null && !(Array.isArray(after) && after.length === 0))
        .map(([field, after]) => [field, { before: null, after }]),
    ),
  });
  tx.emit({
    definition: nodeCreatedV1,
    subject: node.id,
    aggregateVersion: node.version,
    data: { node: snapshot },
  });
  return snapshot;
}
