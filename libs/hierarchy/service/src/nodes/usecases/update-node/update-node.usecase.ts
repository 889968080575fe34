import { Injectable } from '@nestjs/common';
import { nodeUpdatedV1, type NodeSnapshot } from '@steerco/contracts';
import { assertMeasureOnlyFields, diffFields, HierarchyErrors } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../../../hierarchy.constants';
import { EDITABLE_FIELDS, type UpdateNodeInput } from '../../dto/node.dto';
import { toSnapshot } from '../../node.mapper';
import { NodeRows } from '../../node.rows';
import type { CallerAccess } from '../../../access/hierarchy-access';
import { assertMayWrite, assertVisible } from '../../../access/node-permissions';
import { loadForChange, touch } from '../load-for-change';

@Injectable()
export class UpdateNodeUseCase {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  /**
   * Optimistic concurrency: the caller's `expectedVersion` (from If-Match) must be the current one.
   * The most frequent command, so it runs on the SQL lane: lock, check in JS, one UPDATE of the changed
   * columns, then the audit record and event in one statement.
   */
  execute(
    access: CallerAccess,
    id: string,
    expectedVersion: number,
    input: UpdateNodeInput,
  ): Promise<NodeSnapshot> {
    return this.uow.runSql(async (tx) => {
      const rows = new NodeRows(tx.sql, HIERARCHY_SCHEMA);
      const node = await loadForChange(rows, id, expectedVersion, (found) => {
        const snapshot = toSnapshot(found);
        assertVisible(access, snapshot);
        assertMayWrite(access, snapshot, Object.keys(input));
      });
      if (node.archived) throw HierarchyErrors.NODE_ARCHIVED('Unarchive the node before changing it.');
      assertMeasureOnlyFields(node.level, input);

      const before = toSnapshot(node);
      Object.assign(node, input);
      const changes = diffFields(before, toSnapshot(node), EDITABLE_FIELDS);
      const changedFields = EDITABLE_FIELDS.filter((field) => field in changes);
      if (changedFields.length === 0) return before;
      touch(node, tx.context.actor);
      await rows.update(node, changedFields);
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
