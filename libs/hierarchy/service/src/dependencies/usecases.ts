import { Injectable } from '@nestjs/common';
import { nodeDependencyAddedV1, nodeDependencyRemovedV1, type NodeSnapshot } from '@steerco/contracts';
import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { TransactionScope, UnitOfWork } from '@steerco/platform-persistence';
import type { CallerAccess } from '../access/hierarchy-access';
import { assertMay, assertVisible, authorizeOnNode, canSee, visibleFields } from '../access/node-permissions';
import { HIERARCHY_SCHEMA } from '../hierarchy.constants';
import type { HierarchyNode } from '../nodes/node.entity';
import { toSnapshot } from '../nodes/node.mapper';
import { NodeRepository } from '../nodes/node.repository';
import { touch } from '../nodes/usecases/load-for-change';
import { DependencyRepository } from './dependency.repository';

/**
 * Object, scope, tab, then the business rule: a measure out of the caller's scope is reported exactly as a
 * missing one, a caller without the right gets 403 before any rule about the node is revealed.
 */
function authorizedMeasure(
  access: CallerAccess,
  node: HierarchyNode | null,
  id: string,
  field: string,
  atom?: 'edit',
): HierarchyNode {
  const notFound = [{ field, message: 'no such node' }];
  if (!node) throw HierarchyErrors.NODE_NOT_FOUND(`No node ${id}.`, notFound);
  const facts = toSnapshot(node);
  assertVisible(access, facts, notFound);
  if (atom) assertMay(access, atom, facts, 'overview', 'Dependency');
  if (node.level !== 'measure') {
    throw HierarchyErrors.NOT_A_MEASURE(
      `${node.key} is a ${node.level}: only measures depend on each other.`,
      [{ field, message: 'must be a measure' }],
    );
  }
  return node;
}

/** A link change is a change of the successor: new version, one audit record, one event. */
function recordDependencyChange(
  tx: TransactionScope,
  successor: HierarchyNode,
  predecessorId: string,
  change: 'added' | 'removed',
): NodeSnapshot {
  touch(successor, tx.context.actor);
  const added = change === 'added';
  tx.audit({
    objectType: 'node',
    objectId: successor.id,
    action: added ? 'dependencyAdded' : 'dependencyRemoved',
    changes: {
      predecessors: added ? { before: null, after: predecessorId } : { before: predecessorId, after: null },
    },
  });
  tx.emit({
    definition: added ? nodeDependencyAddedV1 : nodeDependencyRemovedV1,
    subject: successor.id,
    aggregateVersion: successor.version,
    data: { successorId: successor.id, predecessorId, nodeVersion: successor.version },
  });
  return toSnapshot(successor);
}

/** Adds and removes predecessor links between measures; a link that would close a cycle is refused. */
@Injectable()
export class DependencyUseCases {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  add(access: CallerAccess, successorId: string, predecessorId: string) {
    return this.uow.run(async (tx) => {
      const nodes = new NodeRepository(tx.em, HIERARCHY_SCHEMA);
      const dependencies = new DependencyRepository(tx.em, HIERARCHY_SCHEMA);
      const successor = authorizedMeasure(
        access,
        await nodes.findForUpdate(successorId),
        successorId,
        'params.id',
        'edit',
      );
      authorizedMeasure(access, await nodes.findById(predecessorId), predecessorId, 'body.predecessorId');
      await dependencies.lockGraph();
      if (predecessorId === successorId || (await dependencies.dependsOn(predecessorId, successorId))) {
        throw HierarchyErrors.DEPENDENCY_CYCLE(
          'The predecessor already depends on this measure, directly or through others.',
          [{ field: 'body.predecessorId', message: 'would create a dependency cycle' }],
        );
      }
      if (!(await dependencies.add(successorId, predecessorId, tx.context.actor)))
        return toSnapshot(successor);
      return recordDependencyChange(tx, successor, predecessorId, 'added');
    });
  }

  remove(access: CallerAccess, successorId: string, predecessorId: string) {
    return this.uow.run(async (tx) => {
      const nodes = new NodeRepository(tx.em, HIERARCHY_SCHEMA);
      const successor = authorizedMeasure(
        access,
        await nodes.findForUpdate(successorId),
        successorId,
        'params.id',
        'edit',
      );
      if (!(await new DependencyRepository(tx.em, HIERARCHY_SCHEMA).remove(successorId, predecessorId))) {
        throw HierarchyErrors.DEPENDENCY_NOT_FOUND(`${successor.key} does not depend on ${predecessorId}.`);
      }
      return recordDependencyChange(tx, successor, predecessorId, 'removed');
    });
  }

  /** Linked measures the caller may not see are left out; the others carry only their visible fields. */
  async list(access: CallerAccess, id: string) {
    const em = this.uow.reader();
    const nodes = new NodeRepository(em, HIERARCHY_SCHEMA);
    const node = await nodes.findById(id);
    authorizeOnNode(access, node, id, 'view', 'overview', 'Dependency');
    const dependencies = new DependencyRepository(em, HIERARCHY_SCHEMA);
    const load = async (ids: string[]) =>
      (await nodes.findByIds(ids))
        .map(toSnapshot)
        .filter((linked) => canSee(access, linked))
        .map((linked) => visibleFields(access, linked));
    return {
      predecessors: await load(await dependencies.predecessorsOf(id)),
      successors: await load(await dependencies.successorsOf(id)),
    };
  }
}
