import { randomUUID } from 'node:crypto';
import type { SqlClient } from '@steerco/platform-messaging';

export interface MfaCredential {
  userId: string;
  /** Sealed by the SecretBox with `mfa:<userId>` as associated data. */
  secret: string;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
}

interface Row {
  user_id: string;
  secret: string;
  confirmed_at: string | Date | null;
  last_used_step: string | number | null;
}

/** The TOTP credential of a user (at most one) and their recovery codes, stored as SHA-256 hashes. */
export class MfaCredentialRepository {
  private readonly credentials: string;
  private readonly codes: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.credentials = `"${schema}".mfa_credential`;
    this.codes = `"${schema}".recovery_code`;
  }

  async findForUpdate(userId: string): Promise<MfaCredential | null> {
    const [row] = await this.sql.query<Row>(
      `select user_id, secret, confirmed_at, last_used_step from ${this.credentials} where user_id = $1 for update`,
      [userId],
    );
    if (!row) return null;
    return {
      userId: row.user_id,
      secret: row.secret,
      confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at),
      lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
    };
  }

  /** A set-up waiting for its first code; replaces an earlier unconfirmed one. */
  async savePending(userId: string, sealedSecret: string, now: Date): Promise<void> {
    await this.sql.query(
      `insert into ${this.credentials} (user_id, secret, created_at) values ($1, $2, $3)
       on conflict (user_id) do update set secret = excluded.secret, created_at = excluded.created_at,
         confirmed_at = null, last_used_step = null`,
      [userId, sealedSecret, now],
    );
  }

  async confirm(userId: string, step: number, now: Date): Promise<void> {
    await this.sql.query(
      `update ${this.credentials} set confirmed_at = $2, last_used_step = $3 where user_id = $1`,
      [userId, now, step],
    );
  }

  async recordUsedStep(userId: string, step: number): Promise<void> {
    await this.sql.query(`update ${this.credentials} set last_used_step = $2 where user_id = $1`, [
      userId,
      step,
    ]);
  }

  async replaceRecoveryCodes(userId: string, hashes: string[], now: Date): Promise<void> {
    await this.sql.query(`delete from ${this.codes} where user_id = $1`, [userId]);
    for (const hash of hashes) {
      await this.sql.query(
        `insert into ${this.codes} (id, user_id, code_hash, created_at) values ($1, $2, $3, $4)`,
        [randomUUID(), userId, hash, now],
      );
    }
  }

  /** Marks the code used if it is one of the user's unused codes; says whether it was. */
  async useRecoveryCode(userId: string, hash: string, now: Date): Promise<boolean> {
    const rows = await this.sql.query(
      `update ${this.codes} set used_at = $3 where user_id = $1 and code_hash = $2 and used_at is null returning id`,
      [userId, hash, now],
    );
    return rows.length === 1;
  }

  async remainingRecoveryCodes(userId: string): Promise<number> {
    const [row] = await this.sql.query<{ n: string | number }>(
      `select count(*) as n from ${this.codes} where user_id = $1 and used_at is null`,
      [userId],
    );
    return Number(row.n);
  }

  async deleteAll(userId: string): Promise<boolean> {
    await this.sql.query(`delete from ${this.codes} where user_id = $1`, [userId]);
    const rows = await this.sql.query(
      `delete from ${this.credentials} where user_id = $1 returning user_id`,
      [userId],
    );
    return rows.length === 1;
  }
}
