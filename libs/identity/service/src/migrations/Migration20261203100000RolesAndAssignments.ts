import { Migration } from '@mikro-orm/migrations';
import { SYSTEM_ACTOR } from '@steerco/platform-observability';

/**
 * Roles, role assignments and the hierarchy projection they are checked against (issue 4), and the two user
 * columns authorization needs: the installation-administrator flag and the assignment-set version.
 */
export class Migration20261203100000RolesAndAssignments extends Migration {
  override async up(): Promise<void> {
    const s = `"${this.config.get('schema')}"`;
    this.addSql(`alter table ${s}.user_account
      add column platform_admin boolean not null default false,
      add column assignment_version integer not null default 0`);
    // The bootstrap admin is the only user the system itself ever created before this migration.
    this.addSql(`update ${s}.user_account set platform_admin = true where created_by = '${SYSTEM_ACTOR}'`);

    // Fed by steerco.hierarchy.node.v1; the path is the node ids from the organization down, this node last.
    this.addSql(`create table ${s}.node_projection (
      id uuid primary key,
      level text not null,
      parent_id uuid,
      path uuid[] not null check (cardinality(path) >= 1 and path[cardinality(path)] = id),
      archived boolean not null,
      version integer not null,
      updated_at timestamptz not null
    )`);
    // "every node below X" is path @> array[X]: a GIN index answers it.
    this.addSql(`create index node_projection_path_idx on ${s}.node_projection using gin (path)`);

    this.addSql(`create table ${s}.custom_role (
      id uuid primary key,
      name text not null check (length(name) between 1 and 100),
      description text,
      grants jsonb not null,
      mfa_required boolean not null,
      time_boxed boolean not null,
      version integer not null,
      created_at timestamptz not null, updated_at timestamptz not null,
      created_by text not null, updated_by text not null
    )`);
    // validateCustomRole checks names too; the index settles two admins creating the same name at once.
    this.addSql(`create unique index custom_role_name_key on ${s}.custom_role (lower(name))`);

    // role_id is a built-in key (measure-owner) or a custom role id, so no foreign key; revoking deletes the row.
    this.addSql(`create table ${s}.role_assignment (
      id uuid primary key,
      user_id uuid not null references ${s}.user_account (id),
      role_id text not null,
      node_id uuid not null,
      valid_until timestamptz,
      version integer not null,
      created_at timestamptz not null, updated_at timestamptz not null,
      created_by text not null, updated_by text not null
    )`);
    this.addSql(`create index role_assignment_user_idx on ${s}.role_assignment (user_id)`);
    this.addSql(`create index role_assignment_node_idx on ${s}.role_assignment (node_id)`);
    this.addSql(`create index role_assignment_role_idx on ${s}.role_assignment (role_id)`);
  }
}
