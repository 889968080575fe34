import type { HierarchyNode } from './node.entity';

/**
 * The nodes this process updated last, as it wrote them, so that the next update of one of them can skip
 * reading it (docs/adr/0016-recently-updated-nodes-in-memory.md). Safe because a node's version names its
 * content: every command that writes a node's row bumps its version, except the two changes the guarded
 * update re-checks anyway, the path (an ancestor moved) and the archived flag (an ancestor was archived).
 * A node is only ever taken from here at the version the caller's If-Match names.
 */
export class RecentNodes {
  /** In insertion order, oldest first: a Map iterates that way, which makes the eviction order. */
  private readonly nodes = new Map<string, HierarchyNode>();

  constructor(private readonly capacity: number) {}

  /** A copy of the node as this process last wrote it, if that was at `version`. */
  at(id: string, version: number): HierarchyNode | undefined {
    const node = this.nodes.get(id);
    return node && node.version === version ? copyOf(node) : undefined;
  }

  /** Keeps a copy of `node` as just written, evicting the node written longest ago when full. */
  remember(node: HierarchyNode): void {
    this.nodes.delete(node.id);
    this.nodes.set(node.id, copyOf(node));
    if (this.nodes.size > this.capacity) {
      const oldest = this.nodes.keys().next().value as string;
      this.nodes.delete(oldest);
    }
  }

  forget(id: string): void {
    this.nodes.delete(id);
  }

  get size(): number {
    return this.nodes.size;
  }
}

/** Callers change the node they get (its fields, version and stamps); the tags array is the only nested value. */
function copyOf(node: HierarchyNode): HierarchyNode {
  return { ...node, tags: [...node.tags] };
}
