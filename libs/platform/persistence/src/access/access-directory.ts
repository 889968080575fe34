import type { CustomRoleSnapshot } from '@steerco/contracts';
import { assertSchemaName, type SqlClient } from '@steerco/platform-messaging';

export interface AccessUser {
  id: string;
  status: string;
  platformAdmin: boolean;
  /** Moves on with every change of the user's access, and with every access epoch: the ability cache key. */
  version: string;
}

export interface ProjectedAssignment {
  id: string;
  userId: string;
  roleId: string;
  nodeId: string;
  validUntil?: string;
}

/** Reads a service's access projection. */
export class AccessDirectory {
  private readonly s: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.s = `"${assertSchemaName(schema)}"`;
  }

  /** One round trip per request: the user's status and the version their cached ability must carry. */
  async user(userId: string): Promise<AccessUser | undefined> {
    const rows = await this.sql.query<{
      id: string;
      status: string;
      platform_admin: boolean;
      version: string;
    }>(
      `select u.id, u.status, u.platform_admin, u.version || '.' || e.epoch as version
         from ${this.s}.access_user u cross join ${this.s}.access_epoch e
        where u.id = $1`,
      [userId],
    );
    const row = rows[0];
    return row && { id: row.id, status: row.status, platformAdmin: row.platform_admin, version: row.version };
  }

  async assignments(userId: string): Promise<ProjectedAssignment[]> {
    const rows = await this.sql.query<{
      id: string;
      role_id: string;
      node_id: string;
      valid_until: Date | null;
    }>(`select id, role_id, node_id, valid_until from ${this.s}.access_assignment where user_id = $1`, [
      userId,
    ]);
    return rows.map((r) => ({
      id: r.id,
      userId,
      roleId: r.role_id,
      nodeId: r.node_id,
      ...(r.valid_until ? { validUntil: new Date(r.valid_until).toISOString() } : {}),
    }));
  }

  async customRoles(roleIds: string[]): Promise<CustomRoleSnapshot[]> {
    if (roleIds.length === 0) return [];
    const rows = await this.sql.query<{ definition: CustomRoleSnapshot }>(
      `select definition from ${this.s}.access_role where id::text = any($1::text[])`,
      [roleIds],
    );
    return rows.map((r) => r.definition);
  }

  /**
   * After a new organization: installation administrators see every organization's top, so their
   * abilities are stale; nobody else's (nobody holds an assignment on it yet).
   */
  static bumpPlatformAdminsSql(schema: string): string {
    return `update "${assertSchemaName(schema)}".access_user set version = version + 1 where platform_admin`;
  }

  /** After a change that alters what assignments cover (a move): every cached ability is stale. */
  static bumpEpochSql(schema: string): string {
    return `update "${assertSchemaName(schema)}".access_epoch set epoch = epoch + 1`;
  }
}
