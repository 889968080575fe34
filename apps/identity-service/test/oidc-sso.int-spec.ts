import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { TestBrowser } from './support/oidc-browser';
import { startTestOidcProvider, type TestOidcProvider } from './support/oidc-test-provider';
import { adminFirstLogin, bearer, createActiveUser } from './support/sessions';

const CALLBACK = '/api/identity/auth/oidc/callback';
const VIEWERS = 'steerco-viewers';

interface SsoTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  returnTo: string;
}

/**
 * Single sign-on end to end: Steerco's identity service and a real OpenID provider on loopback ports, and a
 * browser driven by hand through the authorization code flow (login and consent pages included).
 */
describe('single sign-on through an OIDC provider', () => {
  let t: IdentityApp;
  let idp: TestOidcProvider;
  let adminToken: string;
  let providerId: string;
  const organization = randomUUID();

  beforeAll(async () => {
    t = await startIdentityApp();
    idp = await startTestOidcProvider(`${t.baseUrl}${CALLBACK}`);
    adminToken = (await adminFirstLogin(t)).tokens.accessToken;
    // What the hierarchy's node events would have projected: one organization to grant roles on.
    await t.pg.query(
      `insert into identity.node_projection (id, level, parent_id, path, archived, version, updated_at)
       values ($1, 'organization', null, array[$1]::uuid[], false, 1, now())`,
      [organization],
    );
    const created = await t.call('POST', '/api/identity/oidc/providers', {
      headers: bearer(adminToken),
      body: {
        displayName: 'Acme SSO',
        issuerUrl: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        scopes: ['openid', 'email', 'profile', 'groups'],
      },
    });
    expect(created.status).toBe(201);
    providerId = created.json<{ id: string }>().id;
    const mapping = await t.call('POST', `/api/identity/oidc/providers/${providerId}/group-mappings`, {
      headers: bearer(adminToken),
      body: { group: VIEWERS, roleId: 'viewer', nodeId: organization },
    });
    expect(mapping.status).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  /** Steerco's login redirect, the provider's pages, and the callback URL the provider sent the browser to. */
  async function throughProvider(browser: TestBrowser, sub: string, returnTo = '/after?tab=1') {
    const start = await browser.request(
      `${t.baseUrl}/api/identity/auth/oidc/login?provider=${providerId}&returnTo=${encodeURIComponent(returnTo)}`,
    );
    expect(start.status).toBe(302);
    const authorizationUrl = new URL(start.headers.get('location') as string);
    expect(authorizationUrl.origin).toBe(idp.issuer);
    return browser.signInAtProvider(authorizationUrl.href, sub, `${t.baseUrl}${CALLBACK}`);
  }

  async function ssoLogin(browser: TestBrowser, sub: string) {
    const callbackUrl = await throughProvider(browser, sub);
    const answer = await browser.request(callbackUrl, { headers: { accept: 'application/json' } });
    return { callbackUrl, answer };
  }

  const userIdOf = (tokens: SsoTokens) => decodeJwt(tokens.accessToken).sub as string;

  async function assignmentsOf(userId: string) {
    const { rows } = await t.pg.query<{ role_id: string; node_id: string; created_by: string }>(
      'select role_id, node_id, created_by from identity.role_assignment where user_id = $1',
      [userId],
    );
    return rows;
  }

  async function eventsOf(userId: string, type: string) {
    const { rows } = await t.pg.query(
      'select payload from identity.outbox_event where subject = $1 and type = $2',
      [userId, type],
    );
    return rows as Array<{ payload: { assignment?: { roleId: string; nodeId: string } } }>;
  }

  const browser = new TestBrowser();
  let ada: { id: string; tokens: SsoTokens };

  it('redirects with code + PKCE (S256), state and nonce, and sets an HttpOnly binding cookie', async () => {
    const start = await new TestBrowser().request(
      `${t.baseUrl}/api/identity/auth/oidc/login?provider=${providerId}`,
    );
    expect(start.status).toBe(302);
    const params = new URL(start.headers.get('location') as string).searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    expect(params.get('redirect_uri')).toBe(`${t.baseUrl}${CALLBACK}`);
    expect(start.headers.get('set-cookie')).toMatch(/steerco_oidc_binding=.*HttpOnly; SameSite=Lax/);
  });

  it('creates the user just in time and grants the role its group is mapped to', async () => {
    idp.accounts.set('ada-sub', {
      email: 'Ada@Acme.test',
      email_verified: true,
      name: 'Ada Lovelace',
      groups: [VIEWERS, 'unmapped-group'],
    });
    const { answer } = await ssoLogin(browser, 'ada-sub');
    expect(answer.status).toBe(200);
    const tokens = (await answer.json()) as SsoTokens;
    expect(tokens.returnTo).toBe('/after?tab=1');
    ada = { id: userIdOf(tokens), tokens };

    const me = await t.call('GET', '/api/identity/me', { headers: bearer(tokens.accessToken) });
    expect(me.json()).toMatchObject({
      email: 'ada@acme.test',
      displayName: 'Ada Lovelace',
      status: 'active',
    });
    const { rows } = await t.pg.query('select password_hash from identity.user_account where id = $1', [
      ada.id,
    ]);
    expect(rows).toEqual([{ password_hash: null }]);
    expect(await eventsOf(ada.id, 'steerco.identity.user.created.v1')).toHaveLength(1);

    expect(await assignmentsOf(ada.id)).toEqual([
      { role_id: 'viewer', node_id: organization, created_by: `sso:${providerId}` },
    ]);
    const granted = await eventsOf(ada.id, 'steerco.identity.assignment.granted.v1');
    expect(granted.map((e) => e.payload.assignment)).toEqual([
      expect.objectContaining({ roleId: 'viewer', nodeId: organization }),
    ]);
    const audit = await t.pg.query(
      `select actor, changes from identity.audit_record where object_id = $1 and action = 'login.succeeded'`,
      [ada.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].changes.method.after).toBe('oidc');
  });

  it('finds the same user on the next sign-in of the same subject, without granting twice', async () => {
    const { answer } = await ssoLogin(browser, 'ada-sub');
    expect(answer.status).toBe(200);
    expect(userIdOf((await answer.json()) as SsoTokens)).toBe(ada.id);
    const { rows } = await t.pg.query(
      `select count(*)::int as n from identity.user_account where email = $1`,
      ['ada@acme.test'],
    );
    expect(rows[0].n).toBe(1);
    expect(await assignmentsOf(ada.id)).toHaveLength(1);
    expect(await eventsOf(ada.id, 'steerco.identity.assignment.granted.v1')).toHaveLength(1);
  });

  it('sends the browser to returnTo with the tokens in the URL fragment', async () => {
    const callbackUrl = await throughProvider(browser, 'ada-sub', '/portfolio/7?view=tree');
    const answer = await browser.request(callbackUrl, {
      headers: { accept: 'text/html,application/json;q=0.9' },
    });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}${location.search}`).toBe(
      `${t.baseUrl}/portfolio/7?view=tree`,
    );
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(decodeJwt(fragment.get('accessToken') as string).sub).toBe(ada.id);
    expect(fragment.get('refreshToken')).toBeTruthy();
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const refreshed = await t.call('POST', '/api/identity/auth/refresh', {
      body: { refreshToken: fragment.get('refreshToken') },
    });
    expect(refreshed.status).toBe(200);
  });

  it('revokes the mapped assignment when the group is no longer in the claims', async () => {
    idp.accounts.set('ada-sub', { ...idp.accounts.get('ada-sub'), groups: ['unmapped-group'] });
    const { answer } = await ssoLogin(browser, 'ada-sub');
    expect(answer.status).toBe(200);
    expect(await assignmentsOf(ada.id)).toEqual([]);
    const revoked = await eventsOf(ada.id, 'steerco.identity.assignment.revoked.v1');
    expect(revoked.map((e) => e.payload.assignment)).toEqual([
      expect.objectContaining({ roleId: 'viewer', nodeId: organization }),
    ]);
  });

  it('refuses a replayed state, a forged state and a callback in another browser', async () => {
    const { callbackUrl, answer } = await ssoLogin(browser, 'ada-sub');
    expect(answer.status).toBe(200);
    const replayed = await browser.request(callbackUrl, { headers: { accept: 'application/json' } });
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as { code: string }).code).toBe('IDENTITY.OIDC_STATE_INVALID');

    const forged = new URL(await throughProvider(browser, 'ada-sub'));
    forged.searchParams.set('state', 'not-the-state-steerco-sent');
    const wrongState = await browser.request(forged.href, { headers: { accept: 'application/json' } });
    expect(wrongState.status).toBe(401);

    // Login CSRF: a callback URL from this browser's sign-in, opened by a browser without its binding cookie.
    const stolen = await throughProvider(browser, 'ada-sub');
    const elsewhere = await fetch(stolen, { headers: { accept: 'application/json' }, redirect: 'manual' });
    expect(elsewhere.status).toBe(401);
    const failures = await t.pg.query(
      `select count(*)::int as n from identity.audit_record where object_type = 'oidc-login' and action = 'login.failed'`,
    );
    expect(failures.rows[0].n).toBeGreaterThanOrEqual(3);
  });

  it('refuses a returnTo on another origin', async () => {
    for (const returnTo of ['https://evil.example/x', '//evil.example/x', '/\\evil.example']) {
      const start = await new TestBrowser().request(
        `${t.baseUrl}/api/identity/auth/oidc/login?provider=${providerId}&returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect({ returnTo, status: start.status }).toEqual({ returnTo, status: 400 });
      expect(start.headers.get('location')).toBeNull();
    }
  });

  it('links a verified e-mail to the existing user, never an unverified one', async () => {
    const bob = await createActiveUser(t, adminToken, 'bob@acme.test', 'copper kettle sings 88 times');
    idp.accounts.set('mallory-sub', { email: 'bob@acme.test', email_verified: false, name: 'Not Bob' });
    const mallory = await ssoLogin(new TestBrowser(), 'mallory-sub');
    expect(mallory.answer.status).toBe(401);
    expect(((await mallory.answer.json()) as { code: string }).code).toBe('IDENTITY.OIDC_LOGIN_FAILED');

    idp.accounts.set('bob-sub', { email: 'bob@acme.test', email_verified: true, name: 'Bob' });
    const real = await ssoLogin(new TestBrowser(), 'bob-sub');
    expect(real.answer.status).toBe(200);
    expect(userIdOf((await real.answer.json()) as SsoTokens)).toBe(bob.id);
    const { rows } = await t.pg.query(
      'select subject, linked_by from identity.oidc_identity where user_id = $1',
      [bob.id],
    );
    expect(rows).toEqual([{ subject: 'bob-sub', linked_by: 'verified-email' }]);
  });

  it('leaves an assignment granted by hand alone, whatever the groups say', async () => {
    idp.accounts.set('erin-sub', { email: 'erin@acme.test', email_verified: true, name: 'Erin', groups: [] });
    const first = await ssoLogin(new TestBrowser(), 'erin-sub');
    const erin = userIdOf((await first.answer.json()) as SsoTokens);
    const byHand = await t.call('POST', '/api/identity/role-assignments', {
      headers: bearer(adminToken),
      body: { userId: erin, roleId: 'viewer', nodeId: organization },
    });
    expect(byHand.status).toBe(201);

    const erinsBrowser = new TestBrowser();
    idp.accounts.set('erin-sub', { ...idp.accounts.get('erin-sub'), groups: [VIEWERS] });
    expect((await ssoLogin(erinsBrowser, 'erin-sub')).answer.status).toBe(200);
    idp.accounts.set('erin-sub', { ...idp.accounts.get('erin-sub'), groups: [] });
    expect((await ssoLogin(erinsBrowser, 'erin-sub')).answer.status).toBe(200);

    expect(await assignmentsOf(erin)).toEqual([
      expect.objectContaining({ role_id: 'viewer', node_id: organization }),
    ]);
    expect(await eventsOf(erin, 'steerco.identity.assignment.revoked.v1')).toEqual([]);
  });

  it("carries the provider's amr into Steerco's token, without asking for the local TOTP", async () => {
    idp.accounts.set('fay-sub', {
      email: 'fay@acme.test',
      email_verified: true,
      name: 'Fay',
      amrAtLogin: ['pwd', 'mfa'],
    });
    const { answer } = await ssoLogin(new TestBrowser(), 'fay-sub');
    expect(answer.status).toBe(200);
    const tokens = (await answer.json()) as SsoTokens;
    expect(decodeJwt(tokens.accessToken).amr).toEqual(['pwd', 'mfa']);
    const { rows } = await t.pg.query(
      `select changes from identity.audit_record where object_id = $1 and action = 'login.succeeded'`,
      [userIdOf(tokens)],
    );
    expect(rows[0].changes.amr.after).toEqual(['pwd', 'mfa']);
  });

  it('activates an invited user whose address the provider verified', async () => {
    const invited = await t.call('POST', '/api/identity/users', {
      headers: bearer(adminToken),
      body: { email: 'dan@acme.test', displayName: 'Dan' },
    });
    const dan = invited.json<{ id: string; status: string }>();
    expect(dan.status).toBe('invited');
    idp.accounts.set('dan-sub', { email: 'dan@acme.test', email_verified: true, name: 'Dan' });
    const { answer } = await ssoLogin(new TestBrowser(), 'dan-sub');
    expect(answer.status).toBe(200);
    expect(userIdOf((await answer.json()) as SsoTokens)).toBe(dan.id);
    const user = await t.call('GET', `/api/identity/users/${dan.id}`, { headers: bearer(adminToken) });
    expect(user.json()).toMatchObject({ status: 'active' });
    expect(await eventsOf(dan.id, 'steerco.identity.user.activated.v1')).toHaveLength(1);
  });

  it('refuses a disabled user, and audits the refusal', async () => {
    const disabled = await t.call('POST', `/api/identity/users/${ada.id}/disable`, {
      headers: bearer(adminToken),
    });
    expect(disabled.status).toBe(200);
    const { answer } = await ssoLogin(browser, 'ada-sub');
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { code: string }).code).toBe('IDENTITY.OIDC_USER_REFUSED');
    const audit = await t.pg.query(
      `select changes from identity.audit_record where object_id = $1 and action = 'login.failed'`,
      [ada.id],
    );
    expect(audit.rows.map((r) => r.changes.reason.after)).toContain('user disabled');
  });

  it('keeps a provider people sign in with from being deleted', async () => {
    const deleted = await t.call('DELETE', `/api/identity/oidc/providers/${providerId}`, {
      headers: bearer(adminToken),
    });
    expect(deleted.status).toBe(409);
  });
});
