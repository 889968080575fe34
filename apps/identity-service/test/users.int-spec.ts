import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { adminFirstLogin, bearer, createActiveUser, login, type TokenPair } from './support/sessions';

/** User administration: create and invite, list, read, change with If-Match, disable, enable; audited and published. */
describe('users (identity service over HTTP)', () => {
  let t: IdentityApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startIdentityApp();
    auth = bearer((await adminFirstLogin(t)).tokens.accessToken);
  });
  afterAll(() => t?.close());

  const create = (body: object) => t.call('POST', '/api/identity/users', { headers: auth, body });

  it('needs a bearer token', async () => {
    const response = await t.call('GET', '/api/identity/users');
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ code: 'PLATFORM.UNAUTHENTICATED' });
  });

  it('creates an invited user with ETag and Location, audited and published in the same transaction', async () => {
    const response = await create({
      email: ' Barbara.Liskov@Acme.test ',
      displayName: 'Barbara',
      locale: 'en-gb',
      timeZone: 'europe/london',
    });
    expect(response.status).toBe(201);
    const user = response.json<{ id: string }>();
    expect(user).toEqual({
      id: expect.any(String),
      email: 'barbara.liskov@acme.test',
      displayName: 'Barbara',
      status: 'invited',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      mfaEnrolled: false,
      mfaRequired: false,
      platformAdmin: false,
      version: 1,
    });
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe(`/api/identity/users/${user.id}`);
    const audit = await t.pg.query(`select action, actor from identity.audit_record where object_id = $1`, [
      user.id,
    ]);
    expect(audit.rows).toEqual([{ action: 'created', actor: expect.any(String) }]);
    const events = await t.pg.query(
      `select type, key, payload from identity.outbox_event where subject = $1`,
      [user.id],
    );
    expect(events.rows).toEqual([
      {
        type: 'steerco.identity.user.created.v1',
        key: user.id,
        payload: { user: expect.objectContaining({ status: 'invited' }) },
      },
    ]);
    expect(JSON.stringify(events.rows[0].payload)).not.toMatch(/password|hash/i);
  });

  it('refuses an e-mail address that exists in another case, and bad input, as problem+json', async () => {
    const duplicate = await create({ email: 'BARBARA.LISKOV@acme.test', displayName: 'Other' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json()).toMatchObject({
      code: 'IDENTITY.EMAIL_TAKEN',
      errors: [{ field: 'body.email' }],
    });

    const invalid = await create({
      email: 'not-an-address',
      displayName: '',
      locale: 'xx-!!',
      role: 'admin',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = invalid
      .json<{ errors: { field: string }[] }>()
      .errors.map((e) => e.field)
      .sort();
    expect(fields).toEqual(['body.displayName', 'body.email', 'body.locale', 'body.role']);

    const weak = await create({ email: 'weak@acme.test', displayName: 'Weak', password: 'weak@acme.test' });
    expect(weak.status).toBe(422);
    expect(weak.json()).toMatchObject({ code: 'IDENTITY.PASSWORD_REJECTED' });
    const { rows } = await t.pg.query(
      `select count(*)::int as n from identity.user_account where email = 'weak@acme.test'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('lists users by e-mail, page by page with a cursor', async () => {
    for (const name of ['cora', 'dina', 'emil', 'finn']) {
      expect((await create({ email: `${name}@list.test`, displayName: name })).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.call(
        'GET',
        `/api/identity/users?q=list.test&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        {
          headers: auth,
        },
      );
      expect(page.status).toBe(200);
      const body = page.json<{ items: { email: string }[]; nextCursor?: string }>();
      seen.push(...body.items.map((u) => u.email));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['cora@list.test', 'dina@list.test', 'emil@list.test', 'finn@list.test']);
    const invited = await t.call('GET', '/api/identity/users?status=invited&limit=500', { headers: auth });
    expect(invited.json<{ items: { status: string }[] }>().items.every((u) => u.status === 'invited')).toBe(
      true,
    );
    const forged = await t.call('GET', '/api/identity/users?cursor=eyJ4IjoxfQ', { headers: auth });
    expect(forged.json()).toMatchObject({
      code: 'PLATFORM.VALIDATION_FAILED',
      errors: [{ field: 'query.cursor' }],
    });
  });

  it('changes a profile only with a current If-Match, recording field-level changes', async () => {
    const user = (await create({ email: 'grace.h@acme.test', displayName: 'Grace' })).json<{ id: string }>();
    const path = `/api/identity/users/${user.id}`;
    expect((await t.call('PATCH', path, { headers: auth, body: { displayName: 'Grace H.' } })).status).toBe(
      428,
    );
    const changed = await t.call('PATCH', path, {
      headers: { ...auth, 'if-match': '"1"' },
      body: { displayName: 'Grace Hopper', timeZone: 'America/New_York' },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    const stale = await t.call('PATCH', path, {
      headers: { ...auth, 'if-match': '"1"' },
      body: { displayName: 'X' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'PLATFORM.VERSION_CONFLICT' });
    const audit = await t.pg.query(
      `select changes from identity.audit_record where object_id = $1 and action = 'updated'`,
      [user.id],
    );
    expect(audit.rows[0].changes).toEqual({
      displayName: { before: 'Grace', after: 'Grace Hopper' },
      timeZone: { before: 'UTC', after: 'America/New_York' },
    });
    const got = await t.call('GET', path, { headers: auth });
    expect(got.headers.get('etag')).toBe('"2"');
    expect(
      (await t.call('GET', '/api/identity/users/00000000-0000-4000-8000-000000000000', { headers: auth }))
        .status,
    ).toBe(404);
  });

  it('invites: the person sets a password with the invitation token and logs in', async () => {
    const user = (await create({ email: 'katherine@acme.test', displayName: 'Katherine' })).json<{
      id: string;
    }>();
    const invitation = await t.call('POST', `/api/identity/users/${user.id}/invitation`, { headers: auth });
    expect(invitation.status).toBe(201);
    const { invitationToken } = invitation.json<{ invitationToken: string }>();
    expect((await login(t, 'katherine@acme.test', 'orbital mechanics 1962')).status).toBe(401);
    const accepted = await t.call('POST', '/api/identity/auth/invitation/accept', {
      body: { invitationToken, password: 'orbital mechanics 1962' },
    });
    expect(accepted.status).toBe(204);
    const session = await login(t, 'katherine@acme.test', 'orbital mechanics 1962');
    expect(session.json<TokenPair>().accessToken).toEqual(expect.any(String));
    const reused = await t.call('POST', '/api/identity/auth/invitation/accept', {
      body: { invitationToken, password: 'orbital mechanics 1969' },
    });
    expect(reused.json()).toMatchObject({ code: 'IDENTITY.TICKET_INVALID' });
    const again = await t.call('POST', `/api/identity/users/${user.id}/invitation`, { headers: auth });
    expect(again.json()).toMatchObject({ code: 'IDENTITY.USER_NOT_INVITED' });
  });

  it('disables a user once: a second disable records nothing', async () => {
    const user = (await create({ email: 'dora@acme.test', displayName: 'Dora' })).json<{ id: string }>();
    const first = await t.call('POST', `/api/identity/users/${user.id}/disable`, { headers: auth });
    expect(first.json()).toMatchObject({ status: 'disabled', version: 2 });
    const second = await t.call('POST', `/api/identity/users/${user.id}/disable`, { headers: auth });
    expect(second.json()).toMatchObject({ status: 'disabled', version: 2 });
    const events = await t.pg.query(
      `select type from identity.outbox_event where subject = $1 order by seq`,
      [user.id],
    );
    expect(events.rows.map((r) => r.type)).toEqual([
      'steerco.identity.user.created.v1',
      'steerco.identity.user.disabled.v1',
    ]);
  });

  it('enables a disabled user again: one with a password logs in again, one without is invited anew', async () => {
    const adminToken = auth['authorization'].slice('Bearer '.length);
    const ada = await createActiveUser(t, adminToken, 'ada@acme.test', 'analytical engine 1843');
    await t.call('POST', `/api/identity/users/${ada.id}/disable`, { headers: auth });
    expect((await login(t, 'ada@acme.test', 'analytical engine 1843')).status).toBe(401);
    const stale = await t.call('POST', `/api/identity/users/${ada.id}/enable`, {
      headers: { ...auth, 'if-match': '"1"' },
    });
    expect(stale.json()).toMatchObject({ code: 'PLATFORM.VERSION_CONFLICT' });
    const enabled = await t.call('POST', `/api/identity/users/${ada.id}/enable`, { headers: auth });
    expect(enabled.status).toBe(200);
    const version = enabled.json<{ version: number }>().version;
    expect(enabled.json()).toMatchObject({ status: 'active' });
    expect(enabled.headers.get('etag')).toBe(`"${version}"`);
    expect((await login(t, 'ada@acme.test', 'analytical engine 1843')).json<TokenPair>().accessToken).toEqual(
      expect.any(String),
    );
    // Once is enough: enabling an enabled user records nothing.
    const again = await t.call('POST', `/api/identity/users/${ada.id}/enable`, { headers: auth });
    expect(again.json()).toMatchObject({ status: 'active', version });

    const never = (await create({ email: 'mary@acme.test', displayName: 'Mary' })).json<{ id: string }>();
    await t.call('POST', `/api/identity/users/${never.id}/disable`, { headers: auth });
    const invitedAgain = await t.call('POST', `/api/identity/users/${never.id}/enable`, { headers: auth });
    expect(invitedAgain.json()).toMatchObject({ status: 'invited' });
    expect(
      (await t.call('POST', `/api/identity/users/${never.id}/invitation`, { headers: auth })).status,
    ).toBe(201);

    const audited = async (id: string) =>
      (
        await t.pg.query(
          `select action, changes from identity.audit_record
            where object_id = $1 and action in ('disabled', 'enabled') order by seq`,
          [id],
        )
      ).rows.map((r) => [r.action, r.changes.status]);
    const published = async (id: string) =>
      (
        await t.pg.query(
          `select type from identity.outbox_event where subject = $1 and type ~ '(disabled|activated|updated)' order by seq`,
          [id],
        )
      ).rows.map((r) => r.type);
    expect(await audited(ada.id)).toEqual([
      ['disabled', { before: 'active', after: 'disabled' }],
      ['enabled', { before: 'disabled', after: 'active' }],
    ]);
    expect(await published(ada.id)).toEqual([
      'steerco.identity.user.disabled.v1',
      'steerco.identity.user.activated.v1',
    ]);
    expect(await audited(never.id)).toEqual([
      ['disabled', { before: 'invited', after: 'disabled' }],
      ['enabled', { before: 'disabled', after: 'invited' }],
    ]);
    expect(await published(never.id)).toEqual([
      'steerco.identity.user.disabled.v1',
      'steerco.identity.user.updated.v1',
    ]);
  });

  it('lets only a user administrator enable a user', async () => {
    const adminToken = auth['authorization'].slice('Bearer '.length);
    await createActiveUser(t, adminToken, 'ian@acme.test', 'plain user password 77');
    const target = (await create({ email: 'joan@acme.test', displayName: 'Joan' })).json<{ id: string }>();
    await t.call('POST', `/api/identity/users/${target.id}/disable`, { headers: auth });
    const session = (await login(t, 'ian@acme.test', 'plain user password 77')).json<TokenPair>();
    const refused = await t.call('POST', `/api/identity/users/${target.id}/enable`, {
      headers: bearer(session.accessToken),
    });
    expect([403, 404]).toContain(refused.status);
    const stored = await t.call('GET', `/api/identity/users/${target.id}`, { headers: auth });
    expect(stored.json()).toMatchObject({ status: 'disabled' });
  });

  it('describes every route in its OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/identity/openapi.json')).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/identity/users',
        '/api/identity/users/{id}',
        '/api/identity/users/{id}/disable',
        '/api/identity/users/{id}/enable',
        '/api/identity/users/{id}/mfa',
        '/api/identity/auth/login',
        '/api/identity/auth/mfa/verify',
        '/api/identity/auth/refresh',
        '/api/identity/auth/logout',
        '/api/identity/me',
        '/api/identity/me/password',
        '/api/identity/.well-known/jwks.json',
        '/api/identity/roles',
        '/api/identity/roles/{id}',
        '/api/identity/role-assignments',
        '/api/identity/role-assignments/{id}',
      ]),
    );
  });
});
