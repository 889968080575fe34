import { ADMIN_EMAIL, ADMIN_PASSWORD, startIdentityApp, type IdentityApp } from './support/identity-app';
import {
  adminFirstLogin,
  bearer,
  createActiveUser,
  login,
  secretOf,
  totp,
  type TokenPair,
} from './support/sessions';

/** TOTP second factor: forced set-up for the admin, replay refusal, recovery codes, self set-up, admin reset. */
describe('MFA (identity service over HTTP)', () => {
  let t: IdentityApp;
  let admin: Awaited<ReturnType<typeof adminFirstLogin>>;

  beforeAll(async () => {
    t = await startIdentityApp();
    admin = await adminFirstLogin(t);
  });
  afterAll(() => t?.close());

  const startAdminLogin = async () => {
    const response = await login(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(response.json()).toEqual({
      mfaRequired: true,
      mfaToken: expect.any(String),
      mfaEnrolmentRequired: false,
    });
    return response.json<{ mfaToken: string }>().mfaToken;
  };
  const verify = (mfaToken: string, code: string) =>
    t.call('POST', '/api/identity/auth/mfa/verify', { body: { mfaToken, code } });

  it('made the bootstrap admin set up TOTP at the first login, with ten recovery codes', async () => {
    expect(admin.recoveryCodes).toHaveLength(10);
    const me = await t.call('GET', '/api/identity/me', { headers: bearer(admin.tokens.accessToken) });
    expect(me.json()).toMatchObject({ email: ADMIN_EMAIL, mfaEnrolled: true, mfaRequired: true });
    const stored = await t.pg.query('select secret from identity.mfa_credential');
    expect(stored.rows[0].secret).toMatch(/^aes256gcm\.v1\./);
    expect(stored.rows[0].secret).not.toContain(admin.secret);
    const codes = await t.pg.query('select code_hash from identity.recovery_code');
    expect(codes.rows.map((r) => r.code_hash)).not.toContain(admin.recoveryCodes[0]);
  });

  it('refuses a TOTP code already used in its window', async () => {
    // A code of the next time step: the set-up used the current one.
    const code = await totp(admin.secret, Date.now() + 30_000);
    const first = await verify(await startAdminLogin(), code);
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({ accessToken: expect.any(String) });

    const replay = await verify(await startAdminLogin(), code);
    expect(replay.status).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'IDENTITY.MFA_CODE_INVALID' });
    // So is an older code, which is still within the drift window.
    const older = await verify(await startAdminLogin(), await totp(admin.secret));
    expect(older.json()).toMatchObject({ code: 'IDENTITY.MFA_CODE_INVALID' });
  });

  it('accepts each recovery code once, in any case and spacing', async () => {
    const [code] = admin.recoveryCodes;
    const first = await verify(await startAdminLogin(), code.toLowerCase().replace('-', ' '));
    expect(first.status).toBe(200);
    const { accessToken } = first.json<TokenPair>();
    expect(JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).amr).toEqual([
      'pwd',
      'kba',
      'mfa',
    ]);
    const again = await verify(await startAdminLogin(), code);
    expect(again.status).toBe(401);
    expect(again.json()).toMatchObject({ code: 'IDENTITY.MFA_CODE_INVALID' });
  });

  it('uses up an mfaToken after five wrong codes, and audits MFA failures', async () => {
    const mfaToken = await startAdminLogin();
    for (let i = 0; i < 5; i++) expect((await verify(mfaToken, '000000')).status).toBe(401);
    const sixth = await verify(mfaToken, await totp(admin.secret, Date.now() + 60_000));
    expect(sixth.json()).toMatchObject({ code: 'IDENTITY.TICKET_INVALID' });
    const { rows } = await t.pg.query(
      `select count(*)::int as n from identity.audit_record where action = 'mfa.failed'`,
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(5);
    // Clear the account's failure count for the tests after this one.
    await t.pg.query(`delete from identity.login_throttle`);
  });

  it('lets a user set up TOTP for their own account only, and an admin reset it (audited)', async () => {
    const user = await createActiveUser(
      t,
      admin.tokens.accessToken,
      'hedy@acme.test',
      'marble falcon 1942 radio',
    );
    const session = (await login(t, 'hedy@acme.test', 'marble falcon 1942 radio')).json<TokenPair>();

    const foreign = await t.call('POST', '/api/identity/users/' + user.id + '/mfa', {
      headers: bearer(admin.tokens.accessToken),
    });
    expect(foreign.status).toBe(403);

    const started = await t.call('POST', `/api/identity/users/${user.id}/mfa`, {
      headers: bearer(session.accessToken),
    });
    expect(started.status).toBe(201);
    const { otpauthUri, qrCodeDataUrl } = started.json<{ otpauthUri: string; qrCodeDataUrl: string }>();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Steerco:hedy%40acme\.test\?/);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret = secretOf(otpauthUri);

    const wrong = await t.call('POST', `/api/identity/users/${user.id}/mfa/confirm`, {
      headers: bearer(session.accessToken),
      body: { code: '000000' },
    });
    expect(wrong.status).toBe(422);
    const confirmed = await t.call('POST', `/api/identity/users/${user.id}/mfa/confirm`, {
      headers: bearer(session.accessToken),
      body: { code: await totp(secret) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes).toHaveLength(10);

    // From now on her logins need a code.
    expect((await login(t, 'hedy@acme.test', 'marble falcon 1942 radio')).json()).toMatchObject({
      mfaRequired: true,
    });

    const reset = await t.call('DELETE', `/api/identity/users/${user.id}/mfa`, {
      headers: bearer(admin.tokens.accessToken),
    });
    expect(reset.status).toBe(200);
    expect(reset.json()).toMatchObject({ mfaEnrolled: false });
    expect((await login(t, 'hedy@acme.test', 'marble falcon 1942 radio')).json()).toMatchObject({
      accessToken: expect.any(String),
    });
    const audit = await t.pg.query(
      `select actor, action from identity.audit_record where object_id = $1 and action like 'mfa.%' order by seq`,
      [user.id],
    );
    expect(audit.rows).toEqual([
      { actor: user.id, action: 'mfa.enrolment-started' },
      { actor: user.id, action: 'mfa.enrolled' },
      { actor: expect.any(String), action: 'mfa.reset' },
    ]);
    const adminId = (
      await t.call('GET', '/api/identity/me', { headers: bearer(admin.tokens.accessToken) })
    ).json().id;
    expect(audit.rows[2].actor).toBe(adminId);
    const events = await t.pg.query(
      `select type from identity.outbox_event where subject = $1 order by seq`,
      [user.id],
    );
    expect(events.rows.map((r) => r.type)).toEqual(
      expect.arrayContaining(['steerco.identity.user.mfaEnrolled.v1', 'steerco.identity.user.mfaReset.v1']),
    );
  });
});
