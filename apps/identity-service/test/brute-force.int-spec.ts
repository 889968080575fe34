import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { adminFirstLogin, createActiveUser, login } from './support/sessions';

/**
 * Throttling of password guessing: per account and per client address, with growing delays, shared through
 * PostgreSQL, and not fooled by a client that writes its own X-Forwarded-For.
 */
describe('brute force (identity service over HTTP)', () => {
  let t: IdentityApp;
  const victim = { email: 'victim@acme.test', password: 'saffron glacier 12 oboe' };
  const bystander = { email: 'bystander@acme.test', password: 'indigo prairie 88 cello' };

  beforeAll(async () => {
    t = await startIdentityApp();
    const admin = (await adminFirstLogin(t)).tokens.accessToken;
    await createActiveUser(t, admin, victim.email, victim.password);
    await createActiveUser(t, admin, bystander.email, bystander.password);
  });
  afterAll(() => t?.close());

  it('throttles 100 wrong passwords for one account, leaves another account alone, ignores a forged X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      // An untrusted client rotating X-Forwarded-For, hoping each guess counts for a new address.
      const response = await login(t, victim.email, `guess number ${i} wrong`, {
        'x-forwarded-for': `198.51.100.${i + 1}`,
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.json()).toMatchObject({ code: 'IDENTITY.LOGIN_THROTTLED' });
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    }
    const checked = statuses.filter((s) => s === 401).length;
    // Five free failures, then waits of 1 s, 2 s, ...: in a fast loop only a handful of guesses are judged.
    expect(checked).toBeGreaterThanOrEqual(6);
    expect(checked).toBeLessThanOrEqual(9);
    expect(statuses.filter((s) => s === 429).length).toBe(100 - checked);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);

    // Even the right password waits: the lockout does not tell a right guess from a wrong one.
    expect((await login(t, victim.email, victim.password)).status).toBe(429);
    // Another account from the same client is unaffected.
    expect((await login(t, bystander.email, bystander.password)).status).toBe(200);

    // The counter lives in PostgreSQL under the client's real address, not the forged ones.
    const { rows } = await t.pg.query(`select key, failures from identity.login_throttle order by key`);
    expect(rows.filter((r) => r.key.startsWith('address:198.51.100.'))).toEqual([]);
    expect(rows.find((r) => r.key === 'address:127.0.0.1')?.failures).toBe(checked);
    const audit = await t.pg.query(
      `select action, count(*)::int as n from identity.audit_record
        where action like 'login.%' group by action order by action`,
    );
    const counts = Object.fromEntries(audit.rows.map((r) => [r.action, r.n]));
    expect(counts['login.failed']).toBe(checked);
    expect(counts['login.throttled']).toBe(100 - checked + 1);
    expect(counts['login.locked-out']).toBeGreaterThanOrEqual(1);
  });

  it('lets the victim in once the wait is over: the lockout decays instead of lasting', async () => {
    const wait = await t.pg.query(
      `select extract(epoch from blocked_until - now()) * 1000 as ms from identity.login_throttle
        where key like 'account:%' and blocked_until is not null`,
    );
    expect(wait.rows).toHaveLength(1);
    // Pretend the wait has passed (the test does not sleep for it).
    await t.pg.query(`update identity.login_throttle set blocked_until = now() - interval '1 second'
                       where key like 'account:%'`);
    expect((await login(t, victim.email, victim.password)).status).toBe(200);
    // Success clears the account's count.
    const left = await t.pg.query(
      `select count(*)::int as n from identity.login_throttle where key like 'account:%'`,
    );
    expect(left.rows[0].n).toBe(0);
  });
});

describe('X-Forwarded-For behind a trusted proxy', () => {
  let t: IdentityApp;

  beforeAll(async () => {
    t = await startIdentityApp({ IDENTITY_TRUSTED_PROXIES: '127.0.0.1' });
  });
  afterAll(() => t?.close());

  it('counts failures per address the trusted proxy reports', async () => {
    for (const address of ['203.0.113.10', '203.0.113.11']) {
      const response = await login(t, 'someone@acme.test', 'some wrong password', {
        'x-forwarded-for': address,
      });
      expect(response.status).toBe(401);
    }
    // What a client wrote itself, left of what the proxy appended, is ignored.
    await login(t, 'someone@acme.test', 'some wrong password', {
      'x-forwarded-for': '10.9.9.9, 203.0.113.10',
    });
    const { rows } = await t.pg.query(
      `select key, failures from identity.login_throttle where key like 'address:%' order by key`,
    );
    expect(rows).toEqual([
      { key: 'address:203.0.113.10', failures: 2 },
      { key: 'address:203.0.113.11', failures: 1 },
    ]);
  });
});
