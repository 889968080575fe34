import { Injectable } from '@nestjs/common';
import { nodeUpdatedV1, type NodeSnapshot } from '@steerco/contracts';
import { assertMeasureOnlyFields, diffFields, HierarchyErrors } from '@steerco/hierarchy-domain';
import { AppError } from '@steerco/platform-errors';
import { InjectUnitOfWork, PlatformErrors } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../../../hierarchy.constants';
import { EDITABLE_FIELDS, type UpdateNodeInput } from '../../dto/node.dto';
import { toSnapshot } from '../../node.mapper';
import type { HierarchyNode } from '../../node.entity';
import { NodeRows } from '../../node.rows';
import { RecentNodes } from '../../recent-nodes';
import type { CallerAccess } from '../../../access/hierarchy-access';
import { assertMayWrite, assertVisible } from '../../../access/node-permissions';
import { loadForChange, touch } from '../load-for-change';

/**
 * Reads before a guarded write can miss: only a move of an ancestor (the node's path changes, its version
 * does not) makes a read that passed the version check stale, and a caller rarely races more than one.
 */
const ATTEMPTS = 3;

@Injectable()
export class UpdateNodeUseCase {
  constructor(
    @InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly recent: RecentNodes,
  ) {}

  /**
   * Optimistic concurrency: the caller's `expectedVersion` (from If-Match) must be the current one.
   * The most frequent command, so it costs two round trips and no transaction: read the node, judge the
   * caller and the rules in TypeScript, then one statement that updates the changed columns only if the row
   * is still as read, with the audit record and the event (docs/adr/0012-guarded-single-statement-updates.md).
   * When this process wrote the node last, at the version the caller names, the read comes from memory and
   * the update is one round trip (docs/adr/0016-recently-updated-nodes-in-memory.md).
   */
  async execute(
    access: CallerAccess,
    id: string,
    expectedVersion: number,
    input: UpdateNodeInput,
  ): Promise<NodeSnapshot> {
    const remembered = this.recent.at(id, expectedVersion);
    if (remembered) {
      const updated = await this.attempt(access, id, expectedVersion, input, remembered).catch(
        (error: unknown) => {
          // A refusal judged on a remembered node whose path may be stale (an ancestor moved, maybe into
          // the caller's scope) is judged again below, on the database's row. Anything else is no refusal.
          if (error instanceof AppError) return undefined;
          throw error;
        },
      );
      if (updated) return updated;
      this.recent.forget(id);
    }
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const updated = await this.attempt(access, id, expectedVersion, input);
      if (updated) return updated;
    }
    throw PlatformErrors.VERSION_CONFLICT(
      'The node kept changing while it was being updated: read it again and reapply your change.',
    );
  }

  /**
   * The updated node, or nothing when the node changed between the read and the write. The node is read
   * from the database unless `remembered` is given.
   */
  private async attempt(
    access: CallerAccess,
    id: string,
    expectedVersion: number,
    input: UpdateNodeInput,
    remembered?: HierarchyNode,
  ): Promise<NodeSnapshot | undefined> {
    const rows = new NodeRows(this.uow.sqlReader(), HIERARCHY_SCHEMA);
    const node = await loadForChange(
      async (nodeId) => remembered ?? rows.findById(nodeId),
      id,
      expectedVersion,
      (found) => {
        const snapshot = toSnapshot(found);
        assertVisible(access, snapshot);
        assertMayWrite(access, snapshot, Object.keys(input));
      },
    );
    if (node.archived) throw HierarchyErrors.NODE_ARCHIVED('Unarchive the node before changing it.');
    assertMeasureOnlyFields(node.level, input);

    const before = toSnapshot(node);
    const read = { version: node.version, path: node.path };
    Object.assign(node, input);
    const changes = diffFields(before, toSnapshot(node), EDITABLE_FIELDS);
    const changedFields = EDITABLE_FIELDS.filter((field) => field in changes);
    if (changedFields.length === 0) return before;
    let after = before;
    const applied = await this.uow.runGuarded((tx) => {
      touch(node, tx.context.actor);
      after = toSnapshot(node);
      tx.audit({ objectType: 'node', objectId: node.id, action: 'updated', changes });
      tx.emit({
        definition: nodeUpdatedV1,
        subject: node.id,
        aggregateVersion: node.version,
        data: { node: after, changes },
      });
      return rows.guardedUpdate(node, changedFields, read);
    });
    if (!applied) return undefined;
    this.recent.remember(node);
    return after;
  }
}
