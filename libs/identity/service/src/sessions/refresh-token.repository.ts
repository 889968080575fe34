import type { SqlClient } from '@steerco/platform-messaging';
import type { RefreshTokenFacts } from '@steerco/identity-domain';

export interface StoredRefreshToken extends RefreshTokenFacts {
  id: string;
  familyId: string;
  userId: string;
  amr: string[];
}

interface Row {
  id: string;
  family_id: string;
  user_id: string;
  amr: string[] | string;
  expires_at: string | Date;
  family_expires_at: string | Date;
  rotated_at: string | Date | null;
  revoked_at: string | Date | null;
}

const date = (value: string | Date | null) => (value === null ? null : new Date(value));

export class RefreshTokenRepository {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.table = `"${schema}".refresh_token`;
  }

  async insert(
    token: Omit<StoredRefreshToken, 'rotatedAt' | 'revokedAt'> & { hash: string; createdAt: Date },
  ): Promise<void> {
    await this.sql.query(
      `insert into ${this.table}
         (id, family_id, user_id, token_hash, amr, created_at, expires_at, family_expires_at)
       values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
      [
        token.id,
        token.familyId,
        token.userId,
        token.hash,
        JSON.stringify(token.amr),
        token.createdAt,
        token.expiresAt,
        token.familyExpiresAt,
      ],
    );
  }

  findByHash(hash: string): Promise<StoredRefreshToken | null> {
    return this.find(hash, '');
  }

  /** Locked: callers lock the user row first, as every path that changes a user's tokens does. */
  findByHashForUpdate(hash: string): Promise<StoredRefreshToken | null> {
    return this.find(hash, 'for update');
  }

  private async find(hash: string, lock: string): Promise<StoredRefreshToken | null> {
    const [row] = await this.sql.query<Row>(
      `select id, family_id, user_id, amr, expires_at, family_expires_at, rotated_at, revoked_at
         from ${this.table} where token_hash = $1 ${lock}`,
      [hash],
    );
    if (!row) return null;
    return {
      id: row.id,
      familyId: row.family_id,
      userId: row.user_id,
      amr: typeof row.amr === 'string' ? (JSON.parse(row.amr) as string[]) : row.amr,
      expiresAt: new Date(row.expires_at),
      familyExpiresAt: new Date(row.family_expires_at),
      rotatedAt: date(row.rotated_at),
      revokedAt: date(row.revoked_at),
    };
  }

  async markRotated(id: string, now: Date): Promise<void> {
    await this.sql.query(`update ${this.table} set rotated_at = $2 where id = $1`, [id, now]);
  }

  /** Revokes every still-usable token of the family; returns how many were. */
  async revokeFamily(familyId: string, now: Date, reason: string): Promise<number> {
    const rows = await this.sql.query(
      `update ${this.table} set revoked_at = $2, revoked_reason = $3
        where family_id = $1 and revoked_at is null returning id`,
      [familyId, now, reason],
    );
    return rows.length;
  }

  /** Ends every session of a user (disabled, password changed). */
  async revokeAllOfUser(userId: string, now: Date, reason: string): Promise<number> {
    const rows = await this.sql.query(
      `update ${this.table} set revoked_at = $2, revoked_reason = $3
        where user_id = $1 and revoked_at is null returning id`,
      [userId, now, reason],
    );
    return rows.length;
  }
}
