import type { NodeSnapshot } from '@steerco/contracts';
import { idsOfPath, type HierarchyNode } from './node.entity';

export function toSnapshot(node: HierarchyNode): NodeSnapshot {
  return snapshotWithPath(node, idsOfPath(node.path));
}

/** `toSnapshot` with the path as ids given, when the caller has it already (an import builds it from the parent's). */
export function snapshotWithPath(node: HierarchyNode, pathIds: string[]): NodeSnapshot {
  return {
    id: node.id,
    key: node.key,
    level: node.level,
    parentId: node.parentId,
    path: pathIds,
    title: node.title,
    description: node.description,
    ownerId: node.ownerId,
    deputyId: node.deputyId,
    sponsorId: node.sponsorId,
    controllerId: node.controllerId,
    businessUnit: node.businessUnit,
    function: node.function,
    legalEntity: node.legalEntity,
    region: node.region,
    costCentre: node.costCentre,
    measureKind: node.measureKind,
    customerRef: node.customerRef,
    tags: node.tags,
    archived: node.archived,
    version: node.version,
  };
}
