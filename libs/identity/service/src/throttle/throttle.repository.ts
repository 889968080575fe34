import type { SqlClient } from '@steerco/platform-messaging';
import { NO_FAILURES, type ThrottleState } from '@steerco/identity-domain';

interface ThrottleRow {
  failures: number;
  last_failure_at: string | Date | null;
  blocked_until: string | Date | null;
}

const date = (value: string | Date | null) => (value === null ? null : new Date(value));

/** Throttle state in PostgreSQL, so every replica of the service counts the same failures. */
export class ThrottleRepository {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.table = `"${schema}".login_throttle`;
  }

  /**
   * Locks the key's row for the rest of the transaction, creating it when missing: concurrent attempts on one
   * account are judged one after the other, so a burst cannot slip past the count.
   */
  async lock(key: string): Promise<ThrottleState> {
    await this.sql.query(`insert into ${this.table} (key) values ($1) on conflict (key) do nothing`, [key]);
    const [row] = await this.sql.query<ThrottleRow>(
      `select failures, last_failure_at, blocked_until from ${this.table} where key = $1 for update`,
      [key],
    );
    if (!row) return NO_FAILURES;
    return {
      failures: row.failures,
      lastFailureAt: date(row.last_failure_at),
      blockedUntil: date(row.blocked_until),
    };
  }

  async save(key: string, state: ThrottleState): Promise<void> {
    await this.sql.query(
      `update ${this.table} set failures = $2, last_failure_at = $3, blocked_until = $4 where key = $1`,
      [key, state.failures, state.lastFailureAt, state.blockedUntil],
    );
  }

  async clear(key: string): Promise<void> {
    await this.sql.query(`delete from ${this.table} where key = $1`, [key]);
  }
}
