import type { SqlClient } from '@steerco/platform-messaging';

/** An assignment that exists because of a group mapping: the marker that allows revoking it again. */
export interface SsoGrant {
  assignmentId: string;
  roleId: string;
  nodeId: string;
}

export class SsoGrantRepository {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.table = `"${schema}".oidc_granted_assignment`;
  }

  /** Markers whose assignment was revoked by hand are gone with it (on delete cascade). */
  ofUser(providerId: string, userId: string): Promise<SsoGrant[]> {
    return this.sql.query<SsoGrant>(
      `select assignment_id as "assignmentId", role_id as "roleId", node_id as "nodeId"
         from ${this.table} where provider_id = $1 and user_id = $2`,
      [providerId, userId],
    );
  }

  async mark(providerId: string, userId: string, grant: SsoGrant, now: Date): Promise<void> {
    await this.sql.query(
      `insert into ${this.table} (assignment_id, provider_id, user_id, role_id, node_id, granted_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [grant.assignmentId, providerId, userId, grant.roleId, grant.nodeId, now],
    );
  }

  async unmark(assignmentId: string): Promise<void> {
    await this.sql.query(`delete from ${this.table} where assignment_id = $1`, [assignmentId]);
  }
}
