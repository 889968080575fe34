import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { PlatformErrors } from '@steerco/platform-nest';
import type { HierarchyNode } from '../node.entity';

/** Whatever can read a node and lock its row: the ORM repository or the plain SQL rows. */
interface LockingReader {
  findForUpdate(id: string): Promise<HierarchyNode | null>;
}

/**
 * Loads and locks a node a command changes, lets `authorize` judge the caller against the locked row (so
 * a concurrent move cannot change the scope between check and write), then checks the caller's If-Match
 * version. Authorization comes first: a stale version must not reveal anything of a node out of scope.
 */
export async function loadForChange(
  nodes: LockingReader,
  id: string,
  expectedVersion: number,
  authorize: (node: HierarchyNode) => void,
): Promise<HierarchyNode> {
  const node = await nodes.findForUpdate(id);
  if (!node) throw HierarchyErrors.NODE_NOT_FOUND(`No node ${id}.`);
  authorize(node);
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
