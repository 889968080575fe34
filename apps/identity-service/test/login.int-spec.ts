import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { adminFirstLogin, bearer, createActiveUser, login, type TokenPair } from './support/sessions';

/** Local login: the answers, no user enumeration, forced password change, disabled users. */
describe('login (identity service over HTTP)', () => {
  let t: IdentityApp;
  let adminToken: string;
  const email = 'ada@acme.test';
  const password = 'harbour lantern 1843 engine';
  let userId: string;

  beforeAll(async () => {
    t = await startIdentityApp();
    adminToken = (await adminFirstLogin(t)).tokens.accessToken;
    userId = (await createActiveUser(t, adminToken, email, password)).id;
  });
  afterAll(() => t?.close());

  it('answers tokens for the right password, whatever the case of the e-mail', async () => {
    const response = await login(t, 'ADA@Acme.TEST', password);
    expect(response.status).toBe(200);
    const tokens = response.json<TokenPair>();
    expect(tokens).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 600,
    });
    const me = await t.call('GET', '/api/identity/me', { headers: bearer(tokens.accessToken) });
    expect(me.json()).toMatchObject({ id: userId, email });
  });

  it('answers 401 problem+json for a wrong password, and the very same for an unknown e-mail', async () => {
    const wrong = await login(t, email, 'not the password at all');
    const unknown = await login(t, 'nobody@acme.test', 'not the password at all');
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const { correlationId: _a, ...wrongBody } = wrong.json();
    const { correlationId: _b, ...unknownBody } = unknown.json();
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody).toMatchObject({ code: 'IDENTITY.INVALID_CREDENTIALS', status: 401 });
  });

  it('takes about as long for an unknown e-mail as for a wrong password (a dummy hash is verified)', async () => {
    const timeOf = async (address: string) => {
      const start = performance.now();
      await login(t, address, 'definitely wrong password');
      return performance.now() - start;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const known: number[] = [];
    const unknown: number[] = [];
    // Alternating, and under the throttle's free allowance (known is cleared by a good login in between).
    for (let i = 0; i < 4; i++) {
      known.push(await timeOf(email));
      unknown.push(await timeOf(`ghost${i}@acme.test`));
    }
    expect((await login(t, email, password)).status).toBe(200);
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('refuses bad input as problem+json without checking anything', async () => {
    const response = await t.call('POST', '/api/identity/auth/login', {
      body: { email, password, remember: true },
    });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'PLATFORM.VALIDATION_FAILED',
      errors: [{ field: 'body.remember', message: 'unknown field' }],
    });
  });

  it('makes a user created with a password replace it at the first login, and ends older sessions', async () => {
    const created = await t.call('POST', '/api/identity/users', {
      headers: bearer(adminToken),
      body: { email: 'linus@acme.test', displayName: 'Linus', password: 'initial pebble 77 orchard' },
    });
    expect(created.status).toBe(201);
    const first = await login(t, 'linus@acme.test', 'initial pebble 77 orchard');
    expect(first.json()).toEqual({ passwordChangeRequired: true, passwordChangeToken: expect.any(String) });
    const { passwordChangeToken } = first.json<{ passwordChangeToken: string }>();

    const weak = await t.call('POST', '/api/identity/me/password', {
      body: { passwordChangeToken, newPassword: 'password1234' },
    });
    expect(weak.status).toBe(422);
    expect(weak.json()).toMatchObject({ code: 'IDENTITY.PASSWORD_REJECTED' });

    const changed = await t.call('POST', '/api/identity/me/password', {
      body: { passwordChangeToken, newPassword: 'quiet tundra 5 saxophone' },
    });
    expect(changed.status).toBe(204);
    // The ticket is single-use.
    const again = await t.call('POST', '/api/identity/me/password', {
      body: { passwordChangeToken, newPassword: 'another tundra 6 saxophone' },
    });
    expect(again.json()).toMatchObject({ code: 'IDENTITY.TICKET_INVALID' });
    expect((await login(t, 'linus@acme.test', 'initial pebble 77 orchard')).status).toBe(401);
    const session = (await login(t, 'linus@acme.test', 'quiet tundra 5 saxophone')).json<TokenPair>();
    expect(session.accessToken).toEqual(expect.any(String));

    // A change with a session needs the current password, and ends every session of the user.
    const wrongCurrent = await t.call('POST', '/api/identity/me/password', {
      headers: bearer(session.accessToken),
      body: { currentPassword: 'not it at all, no', newPassword: 'fresh willow 8 trombone' },
    });
    expect(wrongCurrent.json()).toMatchObject({ code: 'IDENTITY.INVALID_CREDENTIALS' });
    const byCurrent = await t.call('POST', '/api/identity/me/password', {
      headers: bearer(session.accessToken),
      body: { currentPassword: 'quiet tundra 5 saxophone', newPassword: 'fresh willow 8 trombone' },
    });
    expect(byCurrent.status).toBe(204);
    const stale = await t.call('POST', '/api/identity/auth/refresh', {
      body: { refreshToken: session.refreshToken },
    });
    expect(stale.status).toBe(401);
  });

  it('lets a disabled user neither log in nor refresh', async () => {
    const user = await createActiveUser(t, adminToken, 'mallory@acme.test', 'orbit cactus 31 violin');
    const session = (await login(t, 'mallory@acme.test', 'orbit cactus 31 violin')).json<TokenPair>();
    const disabled = await t.call('POST', `/api/identity/users/${user.id}/disable`, {
      headers: bearer(adminToken),
    });
    expect(disabled.status).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled' });

    const attempt = await login(t, 'mallory@acme.test', 'orbit cactus 31 violin');
    expect(attempt.status).toBe(401);
    expect(attempt.json()).toMatchObject({ code: 'IDENTITY.INVALID_CREDENTIALS' });
    const refresh = await t.call('POST', '/api/identity/auth/refresh', {
      body: { refreshToken: session.refreshToken },
    });
    expect(refresh.status).toBe(401);

    const audit = await t.pg.query(
      `select action, changes from identity.audit_record where object_id = $1 order by seq`,
      [user.id],
    );
    const actions = audit.rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['created', 'login.succeeded', 'disabled', 'login.failed']),
    );
    expect(audit.rows.find((r) => r.action === 'login.failed').changes.reason.after).toBe('user disabled');
  });
});
