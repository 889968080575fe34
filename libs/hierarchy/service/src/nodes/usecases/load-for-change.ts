import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { PlatformErrors } from '@steerco/platform-nest';
import type { HierarchyNode } from '../node.entity';
import type { NodeRepository } from '../node.repository';

/** Loads and locks a node a command changes, checking the caller's If-Match version against it. */
export async function loadForChange(
  nodes: NodeRepository,
  id: string,
  expectedVersion: number,
): Promise<HierarchyNode> {
  const node = await nodes.findForUpdate(id);
  if (!node) throw HierarchyErrors.NODE_NOT_FOUND(`No node ${id}.`);
  if (node.version !== expectedVersion) {
    throw PlatformErrors.VERSION_CONFLICT(
      `The node is at version ${node.version}, not ${expectedVersion}: read it again and reapply your change.`,
    );
  }
  return node;
}

export function touch(node: HierarchyNode, actor: string): void {
  node.version += 1;
  node.updatedAt = new Date();
  node.updatedBy = actor;
}
