import { Injectable } from '@nestjs/common';
import { nodeMovedV1, type NodeSnapshot } from '@steerco/contracts';
import { assertPlacement, HierarchyErrors } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../../../hierarchy.constants';
import { childPath } from '../../node.entity';
import { toSnapshot } from '../../node.mapper';
import { NodeRepository } from '../../node.repository';
import { AccessDirectory } from '@steerco/platform-persistence';
import { HierarchyAccess, type CallerAccess } from '../../../access/hierarchy-access';
import { assertMay, assertMayChangeStructure, canSee } from '../../../access/node-permissions';
import { loadForChange, touch } from '../load-for-change';

/** Re-parents a node within the level rule; its whole subtree moves with it, intact. */
@Injectable()
export class MoveNodeUseCase {
  constructor(
    @InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly hierarchyAccess: HierarchyAccess,
  ) {}

  async execute(
    access: CallerAccess,
    id: string,
    expectedVersion: number,
    newParentId: string,
  ): Promise<NodeSnapshot> {
    const moved = await this.move(access, id, expectedVersion, newParentId);
    // Committed: this replica rebuilds abilities now (new paths), the others at the notification.
    this.hierarchyAccess.forgetAccessVersions();
    return moved;
  }

  private move(
    access: CallerAccess,
    id: string,
    expectedVersion: number,
    newParentId: string,
  ): Promise<NodeSnapshot> {
    return this.uow.run(async (tx) => {
      const nodes = new NodeRepository(tx.em, HIERARCHY_SCHEMA);
      const node = await loadForChange(
        (nodeId) => nodes.findForUpdate(nodeId),
        id,
        expectedVersion,
        (found) => assertMayChangeStructure(access, toSnapshot(found)),
      );
      if (node.archived) throw HierarchyErrors.NODE_ARCHIVED('Unarchive the node before moving it.');
      const parent = await nodes.findForUpdate(newParentId);
      // A parent out of the caller's scope is reported exactly as a missing one.
      if (!parent || !canSee(access, toSnapshot(parent))) {
        throw HierarchyErrors.PARENT_NOT_FOUND(`No node ${newParentId}.`, [
          { field: 'body.parentId', message: 'no such node' },
        ]);
      }
      if (`${parent.path}.`.startsWith(`${node.path}.`)) {
        throw HierarchyErrors.MOVE_UNDER_DESCENDANT('A node cannot move under itself or its own subtree.', [
          { field: 'body.parentId', message: 'is the node itself or one of its descendants' },
        ]);
      }
      assertPlacement(node.level, parent);
      assertMay(access, 'edit', toSnapshot(parent), 'overview');
      const fromParentId = node.parentId as string;
      if (fromParentId === parent.id) return toSnapshot(node);

      const oldPath = node.path;
      node.parentId = parent.id;
      node.path = childPath(parent.path, node.id);
      touch(node, tx.context.actor);
      await tx.em.flush();
      const descendantsMoved = await nodes.rewriteSubtreePaths(oldPath, node.path);
      // Assignments below the node now cover other paths: every cached ability must be rebuilt.
      await tx.sql.query(AccessDirectory.bumpEpochSql(HIERARCHY_SCHEMA));
      const snapshot = toSnapshot(node);
      tx.audit({
        objectType: 'node',
        objectId: node.id,
        action: 'moved',
        changes: { parentId: { before: fromParentId, after: parent.id } },
      });
      tx.emit({
        definition: nodeMovedV1,
        subject: node.id,
        aggregateVersion: node.version,
        data: { node: snapshot, fromParentId, toParentId: parent.id, descendantsMoved },
      });
      return snapshot;
    });
  }
}
