import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, SignJWT } from 'jose';
import { Client } from 'pg';
import type { MessageBus } from '@steerco/platform-messaging';
import { MESSAGE_BUS } from '@steerco/platform-nest';
import { createTestDatabase } from '@steerco/platform-testing';
import { IdentityEvents } from '@steerco/platform-testing';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app';
import { AUDIENCE, forgedTokens, ISSUER } from './support/tokens';

/**
 * Forged and revoked tokens against the service as deployed: keys from a JWKS endpoint (rotating keys
 * by kid), users from the identity events. Not one may be accepted, and none may cause a 5xx.
 */
describe('forged tokens against the hierarchy service (JWKS keys)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const KID = 'identity-2026-11';
  let jwks: Server;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp;
  let identity: IdentityEvents;
  let userId: string;
  let orgId: string;

  const signed = (sub: string, kid = KID) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

  /** A read, a write and a list: every kind of route refuses the same way. */
  const attempts = (token: string): Promise<TestResponse>[] => {
    const authorization = `Bearer ${token}`;
    return [
      t.request({ method: 'GET', url: `/api/hierarchy/nodes/${orgId}`, headers: { authorization } }),
      t.request({ method: 'GET', url: '/api/hierarchy/nodes', headers: { authorization } }),
      t.request({
        method: 'POST',
        url: '/api/hierarchy/nodes',
        headers: { authorization, 'content-type': 'application/json' },
        payload: JSON.stringify({ level: 'portfolio', parentId: orgId, title: 'Forged' }),
      }),
    ];
  };

  beforeAll(async () => {
    const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'EdDSA', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    db = await createTestDatabase();
    t = await startTestApp({
      DATABASE_URL: db.url,
      AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as { port: number }).port}/.well-known/jwks.json`,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
    });
    identity = new IdentityEvents(t.app.get<MessageBus>(MESSAGE_BUS));
    userId = await identity.user(randomUUID(), { platformAdmin: true });
    const created = await t.request({
      method: 'POST',
      url: '/api/hierarchy/nodes',
      headers: { authorization: `Bearer ${await signed(userId)}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ level: 'organization', title: 'Target' }),
    });
    expect(created.statusCode).toBe(201);
    orgId = (created.json() as { id: string }).id;
    await identity.grant(userId, 'pmo-admin', orgId);
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('accepts a genuine token of an active user (the control)', async () => {
    const statuses = (await Promise.all(attempts(await signed(userId)))).map((r) => r.statusCode);
    expect(statuses).toEqual([200, 200, 201]);
  });

  it('accepts none of the forged tokens, with 401 problem+json and never a 5xx', async () => {
    const forged = {
      ...(await forgedTokens(privateKey, publicKeyPem)),
      'unknown kid': await signed(userId, 'not-published'),
      'user unknown to the service': await signed(randomUUID()),
      'subject that is no user id': await signed('admin'),
    };
    const outcomes: Record<string, number[]> = {};
    for (const [name, token] of Object.entries(forged)) {
      const responses = await Promise.all(attempts(token));
      outcomes[name] = responses.map((r) => r.statusCode);
      for (const response of responses) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(forged).map((name) => [name, [401, 401, 401]])));
  });

  it('refuses the still-valid token of a user as soon as the disabled event is consumed', async () => {
    const victim = await identity.user(randomUUID());
    await identity.grant(victim, 'viewer', orgId);
    const token = await signed(victim);
    const before = await t.request({
      method: 'GET',
      url: `/api/hierarchy/nodes/${orgId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(before.statusCode).toBe(200);
    await identity.disable(victim);
    const statuses = (await Promise.all(attempts(token))).map((r) => r.statusCode);
    expect(statuses).toEqual([401, 401, 401]);
  });

  it('enforces a revoked assignment at once: the node is then not found', async () => {
    const member = await identity.user(randomUUID());
    const assignment = await identity.grant(member, 'viewer', orgId);
    const headers = { authorization: `Bearer ${await signed(member)}` };
    const get = () => t.request({ method: 'GET', url: `/api/hierarchy/nodes/${orgId}`, headers });
    expect((await get()).statusCode).toBe(200);
    await identity.revoke(assignment);
    expect((await get()).statusCode).toBe(404);
  });

  it('writes each refused authorization to the audit trail, with who, what and where', async () => {
    const viewer = await identity.user(randomUUID());
    await identity.grant(viewer, 'viewer', orgId);
    const refused = await t.request({
      method: 'PATCH',
      url: `/api/hierarchy/nodes/${orgId}`,
      headers: {
        authorization: `Bearer ${await signed(viewer)}`,
        'content-type': 'application/json',
        'if-match': '"1"',
      },
      payload: JSON.stringify({ title: 'Taken over' }),
    });
    expect(refused.statusCode).toBe(403);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query(
        `select action, changes from hierarchy.audit_record where object_type = 'authorization-denial' and actor = $1`,
        [viewer],
      );
      expect(rows).toEqual([
        {
          action: 'denied',
          changes: {
            request: { before: null, after: 'PATCH /api/hierarchy/nodes/:id' },
            nodeId: { before: null, after: orgId },
            atom: { before: null, after: 'edit' },
            fields: { before: null, after: ['title'] },
          },
        },
      ]);
    } finally {
      await pg.end();
    }
  });

  it('audits a refusal of a permission on a tab, not only refused fields', async () => {
    const viewer = await identity.user(randomUUID());
    await identity.grant(viewer, 'viewer', orgId);
    const refused = await t.request({
      method: 'POST',
      url: `/api/hierarchy/nodes/${orgId}/archive`,
      headers: {
        authorization: `Bearer ${await signed(viewer)}`,
        'content-type': 'application/json',
        'if-match': '"1"',
      },
      payload: JSON.stringify({}),
    });
    expect(refused.statusCode).toBe(403);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query(
        `select changes from hierarchy.audit_record where object_type = 'authorization-denial' and actor = $1`,
        [viewer],
      );
      expect(rows).toEqual([
        {
          changes: {
            request: { before: null, after: 'POST /api/hierarchy/nodes/:id/archive' },
            nodeId: { before: null, after: orgId },
            atom: { before: null, after: 'edit' },
            tab: { before: null, after: 'overview' },
            type: { before: null, after: 'Node' },
          },
        },
      ]);
    } finally {
      await pg.end();
    }
  });
});
