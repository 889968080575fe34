import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  afterFailure,
  normalizeEmail,
  waitBeforeAttempt,
  type ThrottleState,
} from '@steerco/identity-domain';
import type { SqlClient } from '@steerco/platform-messaging';
import { sha256Hex } from '../security/opaque-token';
import { ThrottleRepository } from './throttle.repository';

/**
 * The two throttles a credential check passes: per account (keyed by the e-mail as typed, so an unknown
 * address is throttled exactly like a real one and the answers stay alike) and per client address.
 * Lock order is always account, then address, then the user row: every path that takes several follows it.
 */
export class LoginGate {
  private constructor(
    private readonly repository: ThrottleRepository,
    private readonly accountKey: string,
    private readonly addressKey: string,
    private account: ThrottleState,
    private address: ThrottleState,
  ) {}

  static async open(
    sql: SqlClient,
    schema: string,
    email: string,
    clientAddress: string,
  ): Promise<LoginGate> {
    const repository = new ThrottleRepository(sql, schema);
    const accountKey = `account:${sha256Hex(normalizeEmail(email))}`;
    const addressKey = `address:${clientAddress}`;
    const account = await repository.lock(accountKey);
    const address = await repository.lock(addressKey);
    return new LoginGate(repository, accountKey, addressKey, account, address);
  }

  /** Milliseconds to wait before an attempt is judged; 0 when one is allowed now. */
  wait(now: Date): number {
    return Math.max(waitBeforeAttempt(this.account, now), waitBeforeAttempt(this.address, now));
  }

  /** Counts a failure on both keys; says whether it started a lockout, which is audited as one. */
  async recordFailure(now: Date): Promise<{ lockedOut: boolean; failures: number }> {
    this.account = afterFailure(this.account, now, ACCOUNT_THROTTLE);
    this.address = afterFailure(this.address, now, ADDRESS_THROTTLE);
    await this.repository.save(this.accountKey, this.account);
    await this.repository.save(this.addressKey, this.address);
    return { lockedOut: this.wait(now) > 0, failures: this.account.failures };
  }

  /** A success clears the account's count. The address keeps its own: one good login must not launder it. */
  async recordSuccess(): Promise<void> {
    await this.repository.clear(this.accountKey);
  }
}
