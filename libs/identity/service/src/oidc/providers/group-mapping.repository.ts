import type { SqlClient } from '@steerco/platform-messaging';

/** "Members of this provider group get this role on this node (and its subtree)." */
export interface GroupMapping {
  id: string;
  providerId: string;
  group: string;
  roleId: string;
  nodeId: string;
  createdAt: Date;
  createdBy: string;
}

interface Row {
  id: string;
  provider_id: string;
  group_value: string;
  role_id: string;
  node_id: string;
  created_at: Date;
  created_by: string;
}

const COLUMNS = 'id, provider_id, group_value, role_id, node_id, created_at, created_by';

function toMapping(row: Row): GroupMapping {
  return {
    id: row.id,
    providerId: row.provider_id,
    group: row.group_value,
    roleId: row.role_id,
    nodeId: row.node_id,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
  };
}

export class GroupMappingRepository {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.table = `"${schema}".oidc_group_mapping`;
  }

  async listOf(providerId: string): Promise<GroupMapping[]> {
    const rows = await this.sql.query<Row>(
      `select ${COLUMNS} from ${this.table} where provider_id = $1 order by group_value, role_id, node_id`,
      [providerId],
    );
    return rows.map(toMapping);
  }

  async find(providerId: string, id: string): Promise<GroupMapping | null> {
    const [row] = await this.sql.query<Row>(
      `select ${COLUMNS} from ${this.table} where provider_id = $1 and id = $2`,
      [providerId, id],
    );
    return row ? toMapping(row) : null;
  }

  /** Inserts unless the same group × role × node exists; says whether it was inserted. */
  async insert(m: GroupMapping): Promise<boolean> {
    const rows = await this.sql.query(
      `insert into ${this.table} (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (provider_id, group_value, role_id, node_id) do nothing returning id`,
      [m.id, m.providerId, m.group, m.roleId, m.nodeId, m.createdAt, m.createdBy],
    );
    return rows.length === 1;
  }

  async delete(id: string): Promise<void> {
    await this.sql.query(`delete from ${this.table} where id = $1`, [id]);
  }
}
