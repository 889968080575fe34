import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { nodeCreatedV1, type NodeSnapshot } from '@steerco/contracts';
import { assertMeasureOnlyFields, assertPlacement, HierarchyErrors } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../../../hierarchy.constants';
import type { CreateNodeInput } from '../../dto/node.dto';
import { HierarchyNode, pathLabel } from '../../node.entity';
import { toSnapshot } from '../../node.mapper';
import { NodeRepository } from '../../node.repository';

@Injectable()
export class CreateNodeUseCase {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  execute(input: CreateNodeInput): Promise<NodeSnapshot> {
    return this.uow.run(async (tx) => {
      const nodes = new NodeRepository(tx.em, HIERARCHY_SCHEMA);
      const parent = input.parentId ? await nodes.findForUpdate(input.parentId) : null;
      if (input.parentId && !parent) {
        throw HierarchyErrors.PARENT_NOT_FOUND(`No node ${input.parentId}.`, [
          { field: 'body.parentId', message: 'no such node' },
        ]);
      }
      assertPlacement(input.level, parent);
      assertMeasureOnlyFields(input.level, input);

      const { parentId: _parentId, level, ...attributes } = input;
      const node = tx.em.create(HierarchyNode, {
        ...attributes,
        id: randomUUID(),
        level,
        parentId: parent?.id ?? null,
        key: await nodes.nextKey(level),
        tags: input.tags ?? [],
        createdBy: tx.context.actor,
        updatedBy: tx.context.actor,
      } as HierarchyNode);
      node.path = parent ? `${parent.path}.${pathLabel(node.id)}` : pathLabel(node.id);
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
    });
  }
}
