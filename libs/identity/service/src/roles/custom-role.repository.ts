import { isUuid } from '@steerco/contracts';
import type { Grant, RoleDefinition } from '@steerco/authz';
import type { CustomRoleSnapshot } from '@steerco/contracts';
import { AccessErrors } from '@steerco/identity-domain';
import type { SqlClient } from '@steerco/platform-messaging';

export interface CustomRoleRow {
  id: string;
  name: string;
  description: string | null;
  grants: Grant[];
  mfa_required: boolean;
  time_boxed: boolean;
  version: number;
}

/** Grants as the contracts publish them (mutable arrays, no undefined members). */
export function publishedGrants(grants: readonly Grant[]): CustomRoleSnapshot['grants'] {
  return grants.map(({ subjects, ownOnly, delegateOnly, atom, tabs }) => ({
    atom,
    tabs: [...tabs],
    ...(subjects ? { subjects: [...subjects] } : {}),
    ...(ownOnly ? { ownOnly } : {}),
    ...(delegateOnly !== undefined ? { delegateOnly } : {}),
  }));
}

export function toRoleSnapshot(row: CustomRoleRow): CustomRoleSnapshot {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    grants: publishedGrants(row.grants),
    mfaRequired: row.mfa_required,
    timeBoxed: row.time_boxed,
    version: row.version,
  };
}

export function toRoleDefinition(row: CustomRoleRow): RoleDefinition {
  return {
    id: row.id,
    name: row.name,
    builtIn: false,
    grants: row.grants,
    mfaRequired: row.mfa_required,
    timeBoxed: row.time_boxed,
  };
}

/**
 * validateCustomRole refuses a taken name; this covers two composers saving the same name at once, which
 * only the unique index sees.
 */
async function nameChecked(write: Promise<unknown>, name: string): Promise<void> {
  try {
    await write;
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code !== '23505' || constraint !== 'custom_role_name_key') throw error;
    throw AccessErrors.ROLE_INVALID(`A role named "${name}" exists.`, [
      { field: 'body.name', message: `AUTHZ.ROLE_NAME_TAKEN: A role named "${name}" exists.` },
    ]);
  }
}

/** identity.custom_role: the roles admins compose. Built-in roles live in @steerco/authz, never here. */
export class CustomRoleRepository {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.table = `"${schema}".custom_role`;
  }

  /** `share` keeps the role from being deleted until the transaction ends; `update` for its own changes. */
  async find(id: string, lock?: 'update' | 'share'): Promise<CustomRoleRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.sql.query<CustomRoleRow>(
      `select * from ${this.table} where id = $1${lock ? ` for ${lock}` : ''}`,
      [id],
    );
    return row;
  }

  /** The custom roles among these ids (built-in keys and unknown ids are skipped). */
  async findMany(ids: readonly string[]): Promise<CustomRoleRow[]> {
    const uuids = [...new Set(ids.filter((id) => isUuid(id)))];
    if (uuids.length === 0) return [];
    return this.sql.query<CustomRoleRow>(`select * from ${this.table} where id = any($1::uuid[])`, [uuids]);
  }

  list(): Promise<CustomRoleRow[]> {
    return this.sql.query<CustomRoleRow>(`select * from ${this.table} order by lower(name)`);
  }

  async insert(row: CustomRoleRow, actor: string, now: Date): Promise<void> {
    const write = this.sql.query(
      `insert into ${this.table} (id, name, description, grants, mfa_required, time_boxed, version,
         created_at, updated_at, created_by, updated_by)
       values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $8, $9, $9)`,
      [
        row.id,
        row.name,
        row.description,
        JSON.stringify(row.grants),
        row.mfa_required,
        row.time_boxed,
        row.version,
        now,
        actor,
      ],
    );
    await nameChecked(write, row.name);
  }

  async update(row: CustomRoleRow, actor: string, now: Date): Promise<void> {
    const write = this.sql.query(
      `update ${this.table} set name = $2, description = $3, grants = $4::jsonb, mfa_required = $5,
         time_boxed = $6, version = $7, updated_at = $8, updated_by = $9 where id = $1`,
      [
        row.id,
        row.name,
        row.description,
        JSON.stringify(row.grants),
        row.mfa_required,
        row.time_boxed,
        row.version,
        now,
        actor,
      ],
    );
    await nameChecked(write, row.name);
  }

  async delete(id: string): Promise<void> {
    await this.sql.query(`delete from ${this.table} where id = $1`, [id]);
  }
}
