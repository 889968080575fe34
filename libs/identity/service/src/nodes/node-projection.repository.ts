import type { SqlClient } from '@steerco/platform-messaging';
import type { NodeLevel } from '@steerco/contracts';

/** A hierarchy node as identity knows it: enough to place an assignment and to check scope. */
export interface ProjectedNode {
  id: string;
  level: NodeLevel;
  parentId: string | null;
  /** Node ids from the organization down to this node, inclusive. */
  path: string[];
  archived: boolean;
  version: number;
}

interface NodeRow {
  id: string;
  level: NodeLevel;
  parent_id: string | null;
  path: string[];
  archived: boolean;
  version: number;
}

const toNode = (row: NodeRow): ProjectedNode => ({
  id: row.id,
  level: row.level,
  parentId: row.parent_id,
  path: row.path,
  archived: row.archived,
  version: row.version,
});

/** identity.node_projection, written only by the consumer of steerco.hierarchy.node.v1. */
export class NodeProjectionRepository {
  private readonly schema: string;
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.schema = `"${schema}"`;
    this.table = `${this.schema}.node_projection`;
  }

  async find(id: string): Promise<ProjectedNode | undefined> {
    const [row] = await this.sql.query<NodeRow>(`select * from ${this.table} where id = $1`, [id]);
    return row ? toNode(row) : undefined;
  }

  /** These nodes, in one query; nodes the projection does not know are absent. */
  async findMany(ids: readonly string[]): Promise<ProjectedNode[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.query<NodeRow>(`select * from ${this.table} where id = any($1::uuid[])`, [
      [...new Set(ids)],
    ]);
    return rows.map(toNode);
  }

  /** The organizations (roots) among the projected nodes, not archived. */
  async organizations(): Promise<ProjectedNode[]> {
    const rows = await this.sql.query<NodeRow>(
      `select * from ${this.table} where level = 'organization' and not archived order by id`,
    );
    return rows.map(toNode);
  }

  /**
   * Records the node as an event carries it. The path is taken from the projected parent when there is one:
   * events are ordered per node, not across nodes, so the parent may have moved after this event was written.
   * When the path changes (a move), every projected descendant gets the new prefix in the same statement.
   * Returns whether the node's path changed, so the caller can bump the versions of affected users.
   */
  async apply(node: ProjectedNode, now: Date): Promise<{ pathChanged: boolean }> {
    const [existing] = await this.sql.query<{ path: string[]; version: number }>(
      `select path, version from ${this.table} where id = $1 for update`,
      [node.id],
    );
    // A replayed older event must not undo a newer state (redeliveries are already skipped by the consumer).
    if (existing && existing.version > node.version) return { pathChanged: false };
    const parentPath = node.parentId ? (await this.find(node.parentId))?.path : undefined;
    const path = parentPath ? [...parentPath, node.id] : node.path;
    await this.sql.query(
      `insert into ${this.table} (id, level, parent_id, path, archived, version, updated_at)
       values ($1, $2, $3, $4::uuid[], $5, $6, $7)
       on conflict (id) do update set level = excluded.level, parent_id = excluded.parent_id,
         path = excluded.path, archived = excluded.archived, version = excluded.version,
         updated_at = excluded.updated_at`,
      [node.id, node.level, node.parentId, path, node.archived, node.version, now],
    );
    const pathChanged = !!existing && existing.path.join('/') !== path.join('/');
    if (pathChanged) {
      // Each descendant keeps what lies below the moved node on its own path, behind the new prefix.
      await this.sql.query(
        `update ${this.table} set path = $2::uuid[] || path[array_position(path, $1::uuid) + 1:], updated_at = $3
          where path @> array[$1::uuid] and id <> $1`,
        [node.id, path, now],
      );
    }
    return { pathChanged };
  }

  /** Bumps the assignment version of every user holding an assignment in the subtree of `nodeId`. */
  async bumpUsersAssignedWithin(nodeId: string): Promise<void> {
    await this.sql.query(
      `update ${this.schema}.user_account set assignment_version = assignment_version + 1
        where id in (select a.user_id from ${this.schema}.role_assignment a
                       join ${this.table} n on n.id = a.node_id
                      where n.path @> array[$1::uuid])`,
      [nodeId],
    );
  }
}
