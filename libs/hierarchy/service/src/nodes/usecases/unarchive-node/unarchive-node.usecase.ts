import { Injectable } from '@nestjs/common';
import { nodeUnarchivedV1, type NodeSnapshot } from '@steerco/contracts';
import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../../../hierarchy.constants';
import { toSnapshot } from '../../node.mapper';
import { NodeRepository } from '../../node.repository';
import type { CallerAccess } from '../../../access/hierarchy-access';
import { assertMayChangeStructure } from '../../../access/node-permissions';
import { loadForChange, touch } from '../load-for-change';

/** Restores one node; its parent must be active, so no active node ever sits under an archived one. */
@Injectable()
export class UnarchiveNodeUseCase {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  execute(access: CallerAccess, id: string, expectedVersion: number): Promise<NodeSnapshot> {
    return this.uow.run(async (tx) => {
      const nodes = new NodeRepository(tx.em, HIERARCHY_SCHEMA);
      const node = await loadForChange(
        (nodeId) => nodes.findForUpdate(nodeId),
        id,
        expectedVersion,
        (found) => assertMayChangeStructure(access, toSnapshot(found)),
      );
      if (!node.archived) return toSnapshot(node);
      const parent = node.parentId ? await nodes.findForUpdate(node.parentId) : null;
      if (parent?.archived)
        throw HierarchyErrors.PARENT_ARCHIVED(`Unarchive the parent ${parent.key} first.`);
      node.archived = false;
      touch(node, tx.context.actor);
      const snapshot = toSnapshot(node);
      tx.audit({
        objectType: 'node',
        objectId: node.id,
        action: 'unarchived',
        changes: { archived: { before: true, after: false } },
      });
      tx.emit({
        definition: nodeUnarchivedV1,
        subject: node.id,
        aggregateVersion: node.version,
        data: { node: snapshot },
      });
      return snapshot;
    });
  }
}
