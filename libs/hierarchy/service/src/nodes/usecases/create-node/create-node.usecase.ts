import { v7 as uuidv7 } from 'uuid';
import { Injectable } from '@nestjs/common';
import type { NodeSnapshot } from '@steerco/contracts';
import { assertMeasureOnlyFields, assertPlacement, HierarchyErrors } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import { AccessDirectory, type UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../../../hierarchy.constants';
import type { CreateNodeInput } from '../../dto/node.dto';
import { childPath, HierarchyNode } from '../../node.entity';
import { NodeRepository } from '../../node.repository';
import { NodeRows } from '../../node.rows';
import { HierarchyAccess, type CallerAccess } from '../../../access/hierarchy-access';
import { assertMay, assertPlatformAdmin, canSee } from '../../../access/node-permissions';
import { toSnapshot } from '../../node.mapper';
import { recordCreation } from '../record-creation';

@Injectable()
export class CreateNodeUseCase {
  constructor(
    @InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly hierarchyAccess: HierarchyAccess,
  ) {}

  async execute(access: CallerAccess, input: CreateNodeInput): Promise<NodeSnapshot> {
    const created = await this.create(access, input);
    // Committed: this replica rebuilds administrators' abilities now, the others at the notification.
    if (!input.parentId) this.hierarchyAccess.forgetAccessVersions();
    return created;
  }

  private create(access: CallerAccess, input: CreateNodeInput): Promise<NodeSnapshot> {
    return this.uow.run(async (tx) => {
      const nodes = new NodeRepository(tx.em, HIERARCHY_SCHEMA);
      const parent = input.parentId ? await nodes.findForUpdate(input.parentId) : null;
      // A parent out of the caller's scope is reported exactly as a missing one.
      if (input.parentId && (!parent || !canSee(access, toSnapshot(parent)))) {
        throw HierarchyErrors.PARENT_NOT_FOUND(`No node ${input.parentId}.`, [
          { field: 'body.parentId', message: 'no such node' },
        ]);
      }
      if (parent) assertMay(access, 'edit', toSnapshot(parent), 'overview');
      else assertPlatformAdmin(access, 'create an organization');
      assertPlacement(input.level, parent);
      assertMeasureOnlyFields(input.level, input);

      const { parentId: _parentId, level, ...attributes } = input;
      const node = tx.em.create(HierarchyNode, {
        ...attributes,
        id: uuidv7(),
        level,
        parentId: parent?.id ?? null,
        key: (await new NodeRows(tx.sql, HIERARCHY_SCHEMA).nextKeys(level, 1))[0],
        tags: input.tags ?? [],
        createdBy: tx.context.actor,
        updatedBy: tx.context.actor,
      } as HierarchyNode);
      node.path = childPath(parent?.path, node.id);
      // A new organization widens what installation administrators see: their cached abilities are stale.
      if (!parent) await tx.sql.query(AccessDirectory.bumpPlatformAdminsSql(HIERARCHY_SCHEMA));
      return recordCreation(tx, node);
    });
  }
}
