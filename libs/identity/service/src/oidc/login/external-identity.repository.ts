import type { SqlClient } from '@steerco/platform-messaging';

export type LinkedBy = 'created' | 'verified-email';

/** Which Steerco user a provider's subject (`sub`) is: the stable key of a person at that provider. */
export class ExternalIdentityRepository {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.table = `"${schema}".oidc_identity`;
  }

  /** Whether the user signs in through any provider. */
  async hasAny(userId: string): Promise<boolean> {
    const rows = await this.sql.query(`select 1 from ${this.table} where user_id = $1 limit 1`, [userId]);
    return rows.length > 0;
  }

  async userOf(providerId: string, subject: string): Promise<string | null> {
    const [row] = await this.sql.query<{ user_id: string }>(
      `select user_id from ${this.table} where provider_id = $1 and subject = $2`,
      [providerId, subject],
    );
    return row?.user_id ?? null;
  }

  async link(
    providerId: string,
    subject: string,
    userId: string,
    linkedBy: LinkedBy,
    now: Date,
  ): Promise<void> {
    await this.sql.query(
      `insert into ${this.table} (provider_id, subject, user_id, linked_by, linked_at, last_login_at)
       values ($1, $2, $3, $4, $5, $5)`,
      [providerId, subject, userId, linkedBy, now],
    );
  }

  async recordLogin(providerId: string, subject: string, now: Date): Promise<void> {
    await this.sql.query(
      `update ${this.table} set last_login_at = $3 where provider_id = $1 and subject = $2`,
      [providerId, subject, now],
    );
  }
}
