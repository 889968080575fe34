import { randomUUID } from 'node:crypto';
import type { SqlClient } from '@steerco/platform-messaging';
import { hashOpaqueToken, newOpaqueToken } from '../security/opaque-token';

export type TicketPurpose = 'mfa' | 'password-change' | 'invitation';

export interface Ticket {
  id: string;
  userId: string;
  purpose: TicketPurpose;
  failedAttempts: number;
}

/** A ticket whose code was wrong this many times is used up: a six-digit code must not be brute-forced. */
export const TICKET_MAX_FAILED_ATTEMPTS = 5;

export const TICKET_LIFETIME_MS: Record<TicketPurpose, number> = {
  mfa: 5 * 60_000,
  'password-change': 10 * 60_000,
  invitation: 7 * 86_400_000,
};

/** Single-use, short-lived tickets for the steps between "password accepted" and "session started". */
export class TicketRepository {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.table = `"${schema}".auth_ticket`;
  }

  async issue(
    userId: string,
    purpose: TicketPurpose,
    now: Date,
  ): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = newOpaqueToken();
    const expiresAt = new Date(now.getTime() + TICKET_LIFETIME_MS[purpose]);
    await this.sql.query(
      `insert into ${this.table} (id, token_hash, user_id, purpose, expires_at, created_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [randomUUID(), hash, userId, purpose, expiresAt, now],
    );
    return { token, expiresAt };
  }

  /** The live ticket for this token and purpose; null when unknown, used up or expired. */
  findLive(token: string, purpose: TicketPurpose, now: Date): Promise<Ticket | null> {
    return this.find(token, purpose, now, '');
  }

  /** The same, locked: callers lock the user row first (see LoginGate for the order). */
  findLiveForUpdate(token: string, purpose: TicketPurpose, now: Date): Promise<Ticket | null> {
    return this.find(token, purpose, now, 'for update');
  }

  private async find(token: string, purpose: TicketPurpose, now: Date, lock: string): Promise<Ticket | null> {
    const [row] = await this.sql.query<{ id: string; user_id: string; failed_attempts: number }>(
      `select id, user_id, failed_attempts from ${this.table}
        where token_hash = $1 and purpose = $2 and consumed_at is null and expires_at > $3 ${lock}`,
      [hashOpaqueToken(token), purpose, now],
    );
    return row ? { id: row.id, userId: row.user_id, purpose, failedAttempts: row.failed_attempts } : null;
  }

  async consume(id: string, now: Date): Promise<void> {
    await this.sql.query(`update ${this.table} set consumed_at = $2 where id = $1`, [id, now]);
  }

  /** Counts a wrong code; the ticket is used up at the limit. */
  async recordFailure(ticket: Ticket, now: Date): Promise<void> {
    const attempts = ticket.failedAttempts + 1;
    await this.sql.query(
      `update ${this.table} set failed_attempts = $2,
              consumed_at = case when $2 >= $3 then $4::timestamptz else consumed_at end
        where id = $1`,
      [ticket.id, attempts, TICKET_MAX_FAILED_ATTEMPTS, now],
    );
  }

  /** Voids the user's open tickets (of one purpose, or all): an older invitation or MFA step stops working. */
  async voidAll(userId: string, now: Date, purpose?: TicketPurpose): Promise<void> {
    await this.sql.query(
      `update ${this.table} set consumed_at = $2
        where user_id = $1 and consumed_at is null ${purpose ? 'and purpose = $3' : ''}`,
      purpose ? [userId, now, purpose] : [userId, now],
    );
  }
}
