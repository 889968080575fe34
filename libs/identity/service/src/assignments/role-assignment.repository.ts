import type { RoleAssignment } from '@steerco/authz';
import type { AssignmentSnapshot } from '@steerco/contracts';
import type { SqlClient } from '@steerco/platform-messaging';

export interface AssignmentRow {
  id: string;
  user_id: string;
  role_id: string;
  node_id: string;
  valid_until: Date | null;
  version: number;
}

/** An assignment with the current path of its node (null when the projection does not know the node). */
export interface PlacedAssignmentRow extends AssignmentRow {
  path: string[] | null;
}

/** The ORM lane reads timestamptz as Date, the pooled lane as text: every row leaves here with a Date. */
function withDates<T extends AssignmentRow>(row: T): T {
  return { ...row, valid_until: row.valid_until === null ? null : new Date(row.valid_until) };
}

export function toAssignmentSnapshot(row: AssignmentRow): AssignmentSnapshot {
  return {
    id: row.id,
    userId: row.user_id,
    roleId: row.role_id,
    nodeId: row.node_id,
    validUntil: row.valid_until ? row.valid_until.toISOString() : null,
    version: row.version,
  };
}

/** The library's shape; an assignment on a node the projection does not know grants nothing (no path). */
export function toRoleAssignment(row: PlacedAssignmentRow): RoleAssignment | undefined {
  if (!row.path) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    roleId: row.role_id,
    nodeId: row.node_id,
    nodePath: row.path,
    ...(row.valid_until ? { validUntil: row.valid_until.toISOString() } : {}),
  };
}

export interface AssignmentListFilter {
  userId?: string;
  nodeId?: string;
  /** Assignments on nodes inside these subtrees (by node id on the path)... */
  withinNodes?: readonly string[];
  /** ...or of this user, whatever the node. */
  orOfUser?: string;
  afterId?: string;
  limit: number;
}

/** identity.role_assignment. Revoking deletes the row; the audit trail keeps what it was. */
export class RoleAssignmentRepository {
  private readonly schema: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.schema = `"${schema}"`;
  }

  private get table() {
    return `${this.schema}.role_assignment`;
  }

  async find(id: string, forUpdate = false): Promise<PlacedAssignmentRow | undefined> {
    const [row] = await this.sql.query<PlacedAssignmentRow>(
      `select a.*, n.path from ${this.table} a left join ${this.schema}.node_projection n on n.id = a.node_id
        where a.id = $1${forUpdate ? ' for update of a' : ''}`,
      [id],
    );
    return row && withDates(row);
  }

  /** Every assignment of a user, expired ones included (the caller filters by time). */
  async ofUser(userId: string): Promise<PlacedAssignmentRow[]> {
    const rows = await this.sql.query<PlacedAssignmentRow>(
      `select a.*, n.path from ${this.table} a left join ${this.schema}.node_projection n on n.id = a.node_id
        where a.user_id = $1 order by a.created_at, a.id`,
      [userId],
    );
    return rows.map(withDates);
  }

  /** Keyset pages on the id, filtered, and narrowed to a scope when `withinNodes`/`orOfUser` are given. */
  async list(filter: AssignmentListFilter): Promise<PlacedAssignmentRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    if (filter.userId) where.push(`a.user_id = ${bind(filter.userId)}`);
    if (filter.nodeId) where.push(`a.node_id = ${bind(filter.nodeId)}`);
    if (filter.withinNodes || filter.orOfUser) {
      const scope: string[] = [];
      if (filter.withinNodes && filter.withinNodes.length > 0) {
        scope.push(`n.path && ${bind(filter.withinNodes)}::uuid[]`);
      }
      if (filter.orOfUser) scope.push(`a.user_id = ${bind(filter.orOfUser)}`);
      where.push(scope.length > 0 ? `(${scope.join(' or ')})` : 'false');
    }
    if (filter.afterId) where.push(`a.id > ${bind(filter.afterId)}`);
    const rows = await this.sql.query<PlacedAssignmentRow>(
      `select a.*, n.path from ${this.table} a left join ${this.schema}.node_projection n on n.id = a.node_id
        ${where.length > 0 ? `where ${where.join(' and ')}` : ''} order by a.id limit ${bind(filter.limit)}`,
      params,
    );
    return rows.map(withDates);
  }

  async insert(row: AssignmentRow, actor: string, now: Date): Promise<void> {
    await this.sql.query(
      `insert into ${this.table} (id, user_id, role_id, node_id, valid_until, version,
         created_at, updated_at, created_by, updated_by)
       values ($1, $2, $3, $4, $5, $6, $7, $7, $8, $8)`,
      [row.id, row.user_id, row.role_id, row.node_id, row.valid_until, row.version, now, actor],
    );
  }

  async updateValidUntil(row: AssignmentRow, actor: string, now: Date): Promise<void> {
    await this.sql.query(
      `update ${this.table} set valid_until = $2, version = $3, updated_at = $4, updated_by = $5 where id = $1`,
      [row.id, row.valid_until, row.version, now, actor],
    );
  }

  async delete(id: string): Promise<void> {
    await this.sql.query(`delete from ${this.table} where id = $1`, [id]);
  }

  async countOfRole(roleId: string): Promise<number> {
    const [row] = await this.sql.query<{ n: string }>(
      `select count(*) as n from ${this.table} where role_id = $1`,
      [roleId],
    );
    return Number(row.n);
  }

  /** Bumps the user's assignment-set version (ability caches key on it) and answers the new one. */
  async bumpVersion(userId: string): Promise<number> {
    const [row] = await this.sql.query<{ assignment_version: number }>(
      `update ${this.schema}.user_account set assignment_version = assignment_version + 1
        where id = $1 returning assignment_version`,
      [userId],
    );
    return row.assignment_version;
  }

  async bumpVersionsOfRoleHolders(roleId: string): Promise<void> {
    await this.sql.query(
      `update ${this.schema}.user_account set assignment_version = assignment_version + 1
        where id in (select user_id from ${this.table} where role_id = $1)`,
      [roleId],
    );
  }
}
