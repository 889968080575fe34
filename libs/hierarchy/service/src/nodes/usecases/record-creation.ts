import { nodeCreatedV1, type NodeSnapshot } from '@steerco/contracts';
import type { SqlTransactionScope } from '@steerco/platform-persistence';
import type { HierarchyNode } from '../node.entity';
import { toSnapshot } from '../node.mapper';

/**
 * The audit record and the created event of a new node. The record lists every field that was set, from
 * nothing to its value. Left out: fields left empty (they did not change; listing them doubled the
 * record's size), the id (it is the record's object id) and the path (derived from the parent, which
 * is listed). The event carries the whole node.
 */
const NOT_AUDITED_ON_CREATION = new Set<string>(['id', 'path']);

export function recordCreation(tx: SqlTransactionScope, node: HierarchyNode): NodeSnapshot {
  const snapshot = toSnapshot(node);
  tx.audit({
    objectType: 'node',
    objectId: node.id,
    action: 'created',
    newObject: true,
    changes: Object.fromEntries(
      Object.entries(snapshot)
        .filter(
          ([field, after]) =>
            !NOT_AUDITED_ON_CREATION.has(field) &&
            after !== null &&
            !(Array.isArray(after) && after.length === 0),
        )
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
