import type { SqlClient } from '@steerco/platform-messaging';

/** How long a browser may take at the provider between the redirect and the callback. */
export const LOGIN_ATTEMPT_LIFETIME_MS = 10 * 60_000;

export interface OidcLoginAttempt {
  stateHash: string;
  providerId: string;
  nonce: string;
  /** Sealed by the SecretBox with `oidc-attempt:<stateHash>` as associated data. */
  sealedCodeVerifier: string;
  returnTo: string;
  browserBindingHash: string;
}

interface Row {
  provider_id: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
}

/** Pending sign-ins: written at the redirect to the provider, consumed once by the callback. */
export class OidcLoginAttemptRepository {
  private readonly table: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.table = `"${schema}".oidc_login_attempt`;
  }

  async insert(attempt: OidcLoginAttempt, now: Date): Promise<void> {
    await this.sql.query(
      `insert into ${this.table}
         (state_hash, provider_id, nonce, code_verifier, return_to, browser_binding_hash, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        attempt.stateHash,
        attempt.providerId,
        attempt.nonce,
        attempt.sealedCodeVerifier,
        attempt.returnTo,
        attempt.browserBindingHash,
        now,
        new Date(now.getTime() + LOGIN_ATTEMPT_LIFETIME_MS),
      ],
    );
  }

  /**
   * Marks the attempt used and returns it, if it is live and was started by this browser. One statement, so
   * two callbacks racing with the same state cannot both win.
   */
  async consume(stateHash: string, browserBindingHash: string, now: Date): Promise<OidcLoginAttempt | null> {
    const [row] = await this.sql.query<Row>(
      `update ${this.table} set consumed_at = $3
        where state_hash = $1 and browser_binding_hash = $2 and consumed_at is null and expires_at > $3
        returning provider_id, nonce, code_verifier, return_to`,
      [stateHash, browserBindingHash, now],
    );
    if (!row) return null;
    return {
      stateHash,
      providerId: row.provider_id,
      nonce: row.nonce,
      sealedCodeVerifier: row.code_verifier,
      returnTo: row.return_to,
      browserBindingHash,
    };
  }

  /** Keeps the table small; consumed and expired rows are kept a day for diagnosing failed sign-ins. */
  async purgeOld(now: Date): Promise<void> {
    await this.sql.query(`delete from ${this.table} where expires_at < $1`, [
      new Date(now.getTime() - 86_400_000),
    ]);
  }
}
