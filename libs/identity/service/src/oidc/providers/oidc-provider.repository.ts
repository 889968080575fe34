import type { SqlClient } from '@steerco/platform-messaging';

export interface OidcProviderRecord {
  id: string;
  displayName: string;
  issuerUrl: string;
  clientId: string;
  /** Sealed by the SecretBox with `oidc-provider:<id>` as associated data; never leaves the service. */
  sealedClientSecret: string;
  scopes: string[];
  groupClaim: string;
  enabled: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
}

interface Row {
  id: string;
  display_name: string;
  issuer_url: string;
  client_id: string;
  client_secret: string;
  scopes: string[];
  group_claim: string;
  enabled: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string;
  updated_by: string;
}

const COLUMNS = `id, display_name, issuer_url, client_id, client_secret, scopes, group_claim, enabled, version,
  created_at, updated_at, created_by, updated_by`;

function toRecord(row: Row): OidcProviderRecord {
  return {
    id: row.id,
    displayName: row.display_name,
    issuerUrl: row.issuer_url,
    clientId: row.client_id,
    sealedClientSecret: row.client_secret,
    scopes: row.scopes,
    groupClaim: row.group_claim,
    enabled: row.enabled,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    createdBy: row.created_by,
    updatedBy: row.updated_by,
  };
}

/**
 * The ORM connection refuses array parameters (emSqlClient); scope tokens never contain a space (RFC 6749),
 * so the list travels as one space-separated string, as in an authorization request.
 */
function joinedScopes(scopes: string[]): string {
  return scopes.join(' ');
}

/** The single sign-on providers an admin configured. */
export class OidcProviderRepository {
  private readonly table: string;
  private readonly identities: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.table = `"${schema}".oidc_provider`;
    this.identities = `"${schema}".oidc_identity`;
  }

  async find(id: string): Promise<OidcProviderRecord | null> {
    const [row] = await this.sql.query<Row>(`select ${COLUMNS} from ${this.table} where id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  /** Locks the row: the version check, the write and the provider's audit chain cannot interleave. */
  async findForUpdate(id: string): Promise<OidcProviderRecord | null> {
    const [row] = await this.sql.query<Row>(`select ${COLUMNS} from ${this.table} where id = $1 for update`, [
      id,
    ]);
    return row ? toRecord(row) : null;
  }

  async list(): Promise<OidcProviderRecord[]> {
    const rows = await this.sql.query<Row>(`select ${COLUMNS} from ${this.table} order by display_name, id`);
    return rows.map(toRecord);
  }

  async insert(p: OidcProviderRecord): Promise<void> {
    await this.sql.query(
      `insert into ${this.table} (${COLUMNS})
       values ($1, $2, $3, $4, $5, string_to_array($6, ' '), $7, $8, $9, $10, $11, $12, $13)`,
      [
        p.id,
        p.displayName,
        p.issuerUrl,
        p.clientId,
        p.sealedClientSecret,
        joinedScopes(p.scopes),
        p.groupClaim,
        p.enabled,
        p.version,
        p.createdAt,
        p.updatedAt,
        p.createdBy,
        p.updatedBy,
      ],
    );
  }

  async update(p: OidcProviderRecord): Promise<void> {
    await this.sql.query(
      `update ${this.table} set display_name = $2, issuer_url = $3, client_id = $4, client_secret = $5,
         scopes = string_to_array($6, ' '), group_claim = $7, enabled = $8, version = $9, updated_at = $10, updated_by = $11
       where id = $1`,
      [
        p.id,
        p.displayName,
        p.issuerUrl,
        p.clientId,
        p.sealedClientSecret,
        joinedScopes(p.scopes),
        p.groupClaim,
        p.enabled,
        p.version,
        p.updatedAt,
        p.updatedBy,
      ],
    );
  }

  async hasLinkedIdentities(id: string): Promise<boolean> {
    const rows = await this.sql.query(`select 1 from ${this.identities} where provider_id = $1 limit 1`, [
      id,
    ]);
    return rows.length > 0;
  }

  async delete(id: string): Promise<void> {
    await this.sql.query(`delete from ${this.table} where id = $1`, [id]);
  }
}
