/**
 * Login throttling with growing delays and a lockout that decays (domain §6: local accounts). The state of a
 * key (an account, a client address) is the number of recent failures and when the next attempt is allowed.
 *
 * - The first `freeFailures` failures cost nothing (typos happen); each further one doubles the wait, from
 *   `baseDelayMs` up to `maxDelayMs`.
 * - Attempts made while a key is blocked are refused without checking the password and do not count: hammering
 *   cannot extend a lockout, so an attacker cannot lock a victim out for longer than `maxDelayMs` per failure
 *   they are allowed to make.
 * - One failure is forgiven per `decayMs` without failures, and the count never exceeds the point where the
 *   wait reaches its cap, so a lockout fades within a bounded time after an attack stops.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  decayMs: number;
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date | null;
  blockedUntil: Date | null;
}

export const ACCOUNT_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  decayMs: 10 * 60_000,
};

/** A shared address (an office behind NAT) sees many people's typos: more free failures than one account. */
export const ADDRESS_THROTTLE: ThrottlePolicy = {
  freeFailures: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  decayMs: 10 * 60_000,
};

export const NO_FAILURES: ThrottleState = { failures: 0, lastFailureAt: null, blockedUntil: null };

/** Failures beyond this count add no wait, so they are not kept: the decay time stays bounded. */
function failureCap(policy: ThrottlePolicy): number {
  return policy.freeFailures + Math.ceil(Math.log2(policy.maxDelayMs / policy.baseDelayMs)) + 1;
}

export function decayedFailures(state: ThrottleState, now: Date, policy: ThrottlePolicy): number {
  if (!state.lastFailureAt || state.failures === 0) return 0;
  const forgiven = Math.floor((now.getTime() - state.lastFailureAt.getTime()) / policy.decayMs);
  return Math.max(0, Math.min(state.failures, failureCap(policy)) - Math.max(0, forgiven));
}

export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  const excess = failures - policy.freeFailures;
  if (excess <= 0) return 0;
  return Math.min(policy.baseDelayMs * 2 ** (excess - 1), policy.maxDelayMs);
}

/** How long the caller must still wait, in milliseconds; 0 when an attempt is allowed now. */
export function waitBeforeAttempt(state: ThrottleState, now: Date): number {
  return state.blockedUntil ? Math.max(0, state.blockedUntil.getTime() - now.getTime()) : 0;
}

export function afterFailure(state: ThrottleState, now: Date, policy: ThrottlePolicy): ThrottleState {
  const failures = Math.min(decayedFailures(state, now, policy) + 1, failureCap(policy));
  const delay = delayAfter(failures, policy);
  return { failures, lastFailureAt: now, blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null };
}
