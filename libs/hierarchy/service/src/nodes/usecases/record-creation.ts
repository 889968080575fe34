import { nodeCreatedV1, type NodeSnapshot } from '@steerco/contracts';
import type { TransactionScope } from '@steerco/platform-persistence';
import type { HierarchyNode } from '../node.entity';
import { toSnapshot } from '../node.mapper';

/** The audit record (every field from nothing to its value) and the created event of a new node. */
export function recordCreation(tx: TransactionScope, node: HierarchyNode): NodeSnapshot {
  const snapshot = toSnapshot(node);
  tx.audit({
    objectType: 'node',
    objectId: node.id,
    action: 'created',
    changes: Object.fromEntries(
      Object.entries(snapshot).map(([field, after]) => [field, { before: null, after }]),
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
