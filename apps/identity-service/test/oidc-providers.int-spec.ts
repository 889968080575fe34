import { randomUUID } from 'node:crypto';
import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { adminFirstLogin, bearer, createActiveUser, login } from './support/sessions';

const PROVIDERS = '/api/identity/oidc/providers';
const SECRET = 'the client secret 4b1d must stay inside';

/** Administration of single sign-on providers and their group mappings (platform administrators only). */
describe('OIDC provider administration', () => {
  let t: IdentityApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startIdentityApp();
    admin = bearer((await adminFirstLogin(t)).tokens.accessToken);
  });

  afterAll(async () => {
    await t?.close();
  });

  const newProvider = (body: Record<string, unknown> = {}) =>
    t.call('POST', PROVIDERS, {
      headers: admin,
      body: {
        displayName: 'Acme',
        issuerUrl: 'https://login.acme.test/realms/main',
        clientId: 'steerco',
        clientSecret: SECRET,
        ...body,
      },
    });

  it('stores the client secret encrypted and never returns it', async () => {
    const created = await newProvider();
    expect(created.status).toBe(201);
    const provider = created.json<{
      id: string;
      scopes: string[];
      groupClaim: string;
      redirectUri: string;
    }>();
    expect(provider).toMatchObject({
      clientSecretSet: true,
      scopes: ['openid', 'email', 'profile'],
      groupClaim: 'groups',
      enabled: true,
      redirectUri: `${t.baseUrl}/api/identity/auth/oidc/callback`,
    });

    const changed = await t.call('PATCH', `${PROVIDERS}/${provider.id}`, {
      headers: { ...admin, 'if-match': created.headers.get('etag') as string },
      body: { clientSecret: `${SECRET} (rotated)`, scopes: ['groups', 'email'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.json()).toMatchObject({ scopes: ['openid', 'groups', 'email'], version: 2 });
    const answers = [
      created,
      changed,
      await t.call('GET', `${PROVIDERS}/${provider.id}`, { headers: admin }),
      await t.call('GET', PROVIDERS, { headers: admin }),
    ];
    for (const answer of answers) {
      expect(answer.body).not.toContain('4b1d');
      expect(answer.body).not.toContain('aes256gcm');
    }

    const { rows } = await t.pg.query<{ client_secret: string }>(
      'select client_secret from identity.oidc_provider where id = $1',
      [provider.id],
    );
    expect(rows[0].client_secret).toMatch(/^aes256gcm\.v1\./);
    expect(rows[0].client_secret).not.toContain('4b1d');
    const audit = await t.pg.query(`select changes from identity.audit_record where object_id = $1`, [
      provider.id,
    ]);
    expect(audit.rows).toHaveLength(2);
    expect(JSON.stringify(audit.rows)).not.toContain('4b1d');
  });

  it('refuses a stale If-Match', async () => {
    const created = await newProvider({ displayName: 'Stale' });
    const { id } = created.json<{ id: string }>();
    const stale = await t.call('PATCH', `${PROVIDERS}/${id}`, {
      headers: { ...admin, 'if-match': '"7"' },
      body: { enabled: false },
    });
    expect(stale.status).toBe(409);
  });

  it('lets only platform administrators in, and audits every refusal', async () => {
    const carolUser = await createActiveUser(
      t,
      admin.authorization.slice(7),
      'carol@acme.test',
      'seven silver herons 12',
    );
    const carol = bearer(
      (await login(t, 'carol@acme.test', 'seven silver herons 12')).json<{ accessToken: string }>()
        .accessToken,
    );
    const listed = await t.call('GET', PROVIDERS, { headers: carol });
    expect(listed.status).toBe(403);
    expect(listed.json()).toMatchObject({ code: 'IDENTITY.PLATFORM_ADMIN_REQUIRED' });
    const created = await t.call('POST', PROVIDERS, {
      headers: carol,
      body: { displayName: 'X', issuerUrl: 'https://x.test', clientId: 'x', clientSecret: 'x' },
    });
    expect(created.status).toBe(403);
    expect((await t.call('GET', PROVIDERS)).status).toBe(401);
    const denials = await t.pg.query(
      `select changes from identity.audit_record
        where object_type = 'authorization' and action = 'denied' and object_id = $1 order by seq`,
      [carolUser.id],
    );
    expect(denials.rows.map((r) => [r.changes.operation.after, r.changes.reason.after])).toEqual([
      ['GET /api/identity/oidc/providers', 'caller is not a platform admin'],
      ['POST /api/identity/oidc/providers', 'caller is not a platform admin'],
    ]);
  });

  it('manages group mappings: add, read, change, remove; refuses duplicates and unknown roles', async () => {
    const { id } = (await newProvider({ displayName: 'Mapped' })).json<{ id: string }>();
    const mappings = `${PROVIDERS}/${id}/group-mappings`;
    const node = randomUUID();
    const added = await t.call('POST', mappings, {
      headers: admin,
      body: { group: 'pmo', roleId: 'pmo-admin', nodeId: node },
    });
    expect(added.status).toBe(201);
    const mapping = added.json<{ id: string }>();
    expect(mapping).toMatchObject({ providerId: id, group: 'pmo', roleId: 'pmo-admin', nodeId: node });

    const duplicate = await t.call('POST', mappings, {
      headers: admin,
      body: { group: 'pmo', roleId: 'pmo-admin', nodeId: node },
    });
    expect(duplicate.status).toBe(409);
    const unknownRole = await t.call('POST', mappings, {
      headers: admin,
      body: { group: 'pmo', roleId: 'wizard', nodeId: node },
    });
    expect(unknownRole.status).toBe(422);
    expect(unknownRole.json()).toMatchObject({ code: 'IDENTITY.OIDC_ROLE_UNKNOWN' });

    const changed = await t.call('PATCH', `${mappings}/${mapping.id}`, {
      headers: admin,
      body: { roleId: 'viewer' },
    });
    expect(changed.json()).toMatchObject({ id: mapping.id, roleId: 'viewer' });
    expect((await t.call('GET', `${mappings}/${mapping.id}`, { headers: admin })).json()).toMatchObject({
      roleId: 'viewer',
    });
    expect(
      (await t.call('GET', mappings, { headers: admin })).json<{ items: unknown[] }>().items,
    ).toHaveLength(1);

    expect((await t.call('DELETE', `${mappings}/${mapping.id}`, { headers: admin })).status).toBe(204);
    expect((await t.call('GET', `${mappings}/${mapping.id}`, { headers: admin })).status).toBe(404);
    expect((await t.call('DELETE', `${PROVIDERS}/${id}`, { headers: admin })).status).toBe(204);
    expect((await t.call('GET', `${PROVIDERS}/${id}`, { headers: admin })).status).toBe(404);
  });

  it('describes the single sign-on routes in the OpenAPI document, without the secret in any answer', async () => {
    const document = (await t.call('GET', '/api/identity/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
      components?: unknown;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/identity/auth/oidc/login',
        '/api/identity/auth/oidc/callback',
        '/api/identity/oidc/providers',
        '/api/identity/oidc/providers/{id}',
        '/api/identity/oidc/providers/{id}/group-mappings',
        '/api/identity/oidc/providers/{id}/group-mappings/{mappingId}',
      ]),
    );
    const answer = JSON.stringify(document.paths['/api/identity/oidc/providers/{id}'].get);
    expect(answer).toContain('clientSecretSet');
    expect(answer).not.toMatch(/"clientSecret"/);
  });

  it('refuses a sign-in at a disabled or unknown provider', async () => {
    const created = await newProvider({ displayName: 'Off', enabled: false });
    const { id } = created.json<{ id: string }>();
    const off = await t.call('GET', `/api/identity/auth/oidc/login?provider=${id}`);
    expect(off.status).toBe(404);
    const unknown = await t.call('GET', `/api/identity/auth/oidc/login?provider=${randomUUID()}`);
    expect(unknown.status).toBe(404);
  });
});
