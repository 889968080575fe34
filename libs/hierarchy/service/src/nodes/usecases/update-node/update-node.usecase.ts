import { Injectable } from '@nestjs/common';
import { nodeUpdatedV1, type NodeSnapshot } from '@steerco/contracts';
import { assertMeasureOnlyFields, diffFields, HierarchyErrors } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../../../hierarchy.constants';
import { EDITABLE_FIELDS, type UpdateNodeInput } from '../../dto/node.dto';
import { toSnapshot } from '../../node.mapper';
import { NodeRepository } from '../../node.repository';
import { loadForChange, touch } from '../load-for-change';

@Injectable()
export class UpdateNodeUseCase {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  /** Optimistic concurrency: the caller's `expectedVersion` (from If-Match) must be the current one. */
  execute(id: string, expectedVersion: number, input: UpdateNodeInput): Promise<NodeSnapshot> {
    return this.uow.run(async (tx) => {
      const node = await loadForChange(new NodeRepository(tx.em, HIERARCHY_SCHEMA), id, expectedVersion);
      if (node.archived) throw HierarchyErrors.NODE_ARCHIVED('Unarchive the node before changing it.');
      assertMeasureOnlyFields(node.level, input);

      const before = toSnapshot(node);
      Object.assign(node, input);
      const changes = diffFields(before, toSnapshot(node), EDITABLE_FIELDS);
      if (Object.keys(changes).length === 0) return before;
      touch(node, tx.context.actor);
      const after = toSnapshot(node);
      tx.audit({ objectType: 'node', objectId: node.id, action: 'updated', changes });
      tx.emit({
        definition: nodeUpdatedV1,
        subject: node.id,
        aggregateVersion: node.version,
        data: { node: after, changes },
      });
      return after;
    });
  }
}
