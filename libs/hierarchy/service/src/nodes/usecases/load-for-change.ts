import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { PlatformErrors } from '@steerco/platform-nest';
import type { HierarchyNode } from '../node.entity';

/**
 * Loads a node a command changes with `read`, lets `authorize` judge the caller against it, then checks the
 * caller's If-Match version. Authorization comes first: a stale version must not reveal anything of a node
 * out of scope. `read` locks the row, or the write re-checks what was read (a guarded update), so that a
 * concurrent move cannot change the scope between check and write.
 */
export async function loadForChange(
  read: (id: string) => Promise<HierarchyNode | null>,
  id: string,
  expectedVersion: number,
  authorize: (node: HierarchyNode) => void,
): Promise<HierarchyNode> {
  const node = await read(id);
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
