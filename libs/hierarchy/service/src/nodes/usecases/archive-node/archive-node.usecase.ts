import { Injectable } from '@nestjs/common';
import { nodeArchivedV1, type NodeSnapshot } from '@steerco/contracts';
import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { TransactionScope, UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../../../hierarchy.constants';
import type { HierarchyNode } from '../../node.entity';
import { toSnapshot } from '../../node.mapper';
import { NodeRepository } from '../../node.repository';
import type { CallerAccess } from '../../../access/hierarchy-access';
import { assertMayChangeStructure } from '../../../access/node-permissions';
import { loadForChange, touch } from '../load-for-change';

/**
 * Archives a node (never deletes it). A node with active descendants is archived only with an explicit
 * cascade, which archives each of them too, each with its own audit record and event.
 */
@Injectable()
export class ArchiveNodeUseCase {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  execute(
    access: CallerAccess,
    id: string,
    expectedVersion: number,
    cascade: boolean,
  ): Promise<NodeSnapshot> {
    return this.uow.run(async (tx) => {
      const nodes = new NodeRepository(tx.em, HIERARCHY_SCHEMA);
      const node = await loadForChange(
        (nodeId) => nodes.findForUpdate(nodeId),
        id,
        expectedVersion,
        (found) => assertMayChangeStructure(access, toSnapshot(found)),
      );
      if (node.archived) return toSnapshot(node);
      const active = await nodes.activeDescendantsForUpdate(node);
      if (active.length > 0 && !cascade) {
        throw HierarchyErrors.ACTIVE_DESCENDANTS(
          `The node has ${active.length} active descendant(s): archive them first or send {"cascade": true}.`,
          [
            {
              field: 'body.cascade',
              message: `must be true to archive ${active.length} active descendant(s) too`,
            },
          ],
        );
      }
      for (const descendant of active) archive(tx, descendant, node.id);
      return archive(tx, node, null);
    });
  }
}

function archive(tx: TransactionScope, node: HierarchyNode, cascadeRootId: string | null): NodeSnapshot {
  node.archived = true;
  touch(node, tx.context.actor);
  const snapshot = toSnapshot(node);
  tx.audit({
    objectType: 'node',
    objectId: node.id,
    action: 'archived',
    changes: {
      archived: { before: false, after: true },
      ...(cascadeRootId ? { cascadeRootId: { before: null, after: cascadeRootId } } : {}),
    },
  });
  tx.emit({
    definition: nodeArchivedV1,
    subject: node.id,
    aggregateVersion: node.version,
    data: { node: snapshot, cascadeRootId },
  });
  return snapshot;
}
