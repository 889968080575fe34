import {
  ACCOUNT_THROTTLE,
  afterFailure,
  decayedFailures,
  NO_FAILURES,
  waitBeforeAttempt,
  type ThrottleState,
} from './login-throttle';

const policy = ACCOUNT_THROTTLE;
const at = (ms: number) => new Date(Date.UTC(2026, 10, 1) + ms);

function failRepeatedly(times: number, start = 0): { state: ThrottleState; now: number } {
  let state = NO_FAILURES;
  let now = start;
  for (let i = 0; i < times; i++) {
    now += waitBeforeAttempt(state, at(now)); // the attacker waits exactly as long as required
    state = afterFailure(state, at(now), policy);
  }
  return { state, now };
}

describe('login throttle', () => {
  it('lets the first five failures through without a wait', () => {
    const { state, now } = failRepeatedly(5);
    expect(state.failures).toBe(5);
    expect(waitBeforeAttempt(state, at(now))).toBe(0);
  });

  it('doubles the wait from one second after that', () => {
    const waits = [6, 7, 8, 9].map((n) => {
      const { state, now } = failRepeatedly(n);
      return waitBeforeAttempt(state, at(now));
    });
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('caps the wait at fifteen minutes, however long the attack', () => {
    const { state, now } = failRepeatedly(100);
    expect(waitBeforeAttempt(state, at(now))).toBe(15 * 60_000);
    // The count stops where the wait reaches its cap, so the decay below is bounded.
    expect(state.failures).toBe(16);
  });

  it('forgives one failure per ten quiet minutes, so a lockout fades after an attack stops', () => {
    const { state, now } = failRepeatedly(100);
    expect(decayedFailures(state, at(now + 10 * 60_000), policy)).toBe(15);
    const quiet = now + 11 * 10 * 60_000;
    expect(decayedFailures(state, at(quiet), policy)).toBe(5);
    // Next failure after the decay: back to the free allowance, no wait.
    expect(waitBeforeAttempt(afterFailure(state, at(quiet), policy), at(quiet))).toBe(1_000);
    expect(waitBeforeAttempt(afterFailure(state, at(quiet + 10 * 60_000), policy), at(quiet))).toBe(0);
  });
});
