import type { JWK } from 'jose';
import type { SqlClient } from '@steerco/platform-messaging';

export interface StoredSigningKey {
  kid: string;
  algorithm: string;
  publicJwk: JWK;
  /** Sealed by the SecretBox with the kid as associated data. */
  privateKey: string;
  createdAt: Date;
  retiredAt: Date | null;
}

interface Row {
  kid: string;
  algorithm: string;
  public_jwk: JWK | string;
  private_key: string;
  created_at: string | Date;
  retired_at: string | Date | null;
}

function toKey(row: Row): StoredSigningKey {
  return {
    kid: row.kid,
    algorithm: row.algorithm,
    publicJwk: typeof row.public_jwk === 'string' ? (JSON.parse(row.public_jwk) as JWK) : row.public_jwk,
    privateKey: row.private_key,
    createdAt: new Date(row.created_at),
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at),
  };
}

export class SigningKeyRepository {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    private readonly schema: string,
  ) {
    this.table = `"${schema}".signing_key`;
  }

  /** Keys that are active or were retired after `since`: the only ones that can still sign or verify. */
  async recent(since: Date): Promise<StoredSigningKey[]> {
    const rows = await this.sql.query<Row>(
      `select kid, algorithm, public_jwk, private_key, created_at, retired_at from ${this.table}
        where retired_at is null or retired_at > $1 order by created_at`,
      [since],
    );
    return rows.map(toKey);
  }

  /** Serialises rotation across replicas for the rest of the transaction. */
  async lockRotation(): Promise<void> {
    await this.sql.query('select pg_advisory_xact_lock(hashtext($1))', [
      `steerco-signing-key-${this.schema}`,
    ]);
  }

  async insert(key: StoredSigningKey): Promise<void> {
    await this.sql.query(
      `insert into ${this.table} (kid, algorithm, public_jwk, private_key, created_at, retired_at)
       values ($1, $2, $3::jsonb, $4, $5, null)`,
      [key.kid, key.algorithm, JSON.stringify(key.publicJwk), key.privateKey, key.createdAt],
    );
  }

  async retireAllBut(kid: string, now: Date): Promise<void> {
    await this.sql.query(`update ${this.table} set retired_at = $2 where retired_at is null and kid <> $1`, [
      kid,
      now,
    ]);
  }
}
