import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import { signDevelopmentToken } from '@steerco/platform-auth';
import { baseEnv, freePort, startBuiltApp, waitFor } from '@steerco/platform-testing';

/**
 * `npm start` on a machine with Node and nothing else: no DATABASE_URL (an embedded PostgreSQL starts, also
 * when run as root), no KAFKA_BROKERS (the in-process bus), development tokens accepted.
 */
describe('standalone process with embedded PostgreSQL and the in-process bus', () => {
  const home = mkdtempSync(join(tmpdir(), 'steerco-standalone-'));
  // The embedded server may run as the postgres user, which must traverse every parent of its data folder.
  chmodSync(home, 0o755);
  const env = { STEERCO_DATA_DIR: join(home, 'data'), STEERCO_DEV_KEY_DIR: join(home, 'keys') };
  let app: ReturnType<typeof startBuiltApp>;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    app = startBuiltApp(
      'standalone',
      baseEnv({ ...env, PORT: String(port), STEERCO_EMBEDDED_DB_PORT: String(await freePort()) }),
    );
    await waitFor(
      async () => (await fetch(`${baseUrl}/health/ready`).catch(() => undefined))?.status === 200,
      () => `standalone ready; output:\n${app.output()}`,
      120_000,
      250,
    );
  }, 150_000);

  afterAll(async () => {
    await app?.stop('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  const post = async (path: string, body: object, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, string> };
  };
  let adminToken: string;
  let adminId: string;
  let orgId: string;

  it('logs the generated org admin in, and the hierarchy in the same process knows them from the identity events', async () => {
    const oneTime = /One-time password: (\S+)/.exec(app.output())?.[1] as string;
    expect(oneTime).toEqual(expect.any(String));
    const email = 'admin@steerco.local';
    const first = await post('/api/identity/auth/login', { email, password: oneTime });
    const newPassword = 'lagoon ember 77 bassoon';
    const changed = await post('/api/identity/me/password', {
      passwordChangeToken: first.body['passwordChangeToken'],
      newPassword,
    });
    expect(changed.status).toBe(204);
    const { mfaToken } = (await post('/api/identity/auth/login', { email, password: newPassword })).body;
    const { otpauthUri } = (await post('/api/identity/auth/mfa/enrol', { mfaToken })).body;
    const secret = new URL(otpauthUri).searchParams.get('secret') as string;
    const verified = await post('/api/identity/auth/mfa/verify', {
      mfaToken,
      code: await generate({ secret }),
    });
    expect(verified.status).toBe(200);
    adminToken = verified.body['accessToken'];
    const headers = { authorization: `Bearer ${adminToken}` };
    adminId = ((await (await fetch(`${baseUrl}/api/identity/me`, { headers })).json()) as { id: string }).id;

    // An installation administrator creates organizations; identity, hearing of it, makes the creator
    // its org admin, and the hierarchy hears of that: the audit trail then opens to them.
    const node = await post(
      '/api/hierarchy/nodes',
      { level: 'organization', title: 'Identity Org' },
      headers,
    );
    expect(node.status).toBe(201);
    expect(node.body['key']).toMatch(/^ORG-\d+$/);
    orgId = node.body['id'];
    expect((await fetch(`${baseUrl}/api/hierarchy/nodes/${orgId}`, { headers })).status).toBe(200);
    await waitFor(
      async () =>
        (await fetch(`${baseUrl}/api/hierarchy/nodes/${orgId}/history`, { headers })).status === 200,
      'the creator became org admin of the organization',
      20_000,
    );
    const portfolio = await post(
      '/api/hierarchy/nodes',
      { level: 'portfolio', parentId: orgId, title: 'First portfolio' },
      headers,
    );
    expect(portfolio.status).toBe(201);
    // The relay hands the created event to the in-process bus: the outbox drains.
    await waitFor(
      async () =>
        /steerco_outbox_published_total\{schema="hierarchy",process="standalone"\} [1-9]/.test(
          await (await fetch(`${baseUrl}/metrics`)).text(),
        ),
      'hierarchy outbox event published',
      20_000,
    );
  });

  it('accepts development tokens for local tooling, for users the services know and no one else', async () => {
    process.env['STEERCO_DEV_KEY_DIR'] = env.STEERCO_DEV_KEY_DIR;
    const devToken = (subject: string) =>
      signDevelopmentToken({ subject, issuer: 'steerco', audience: 'steerco-api' });
    const get = async (token: string) =>
      (
        await fetch(`${baseUrl}/api/hierarchy/nodes/${orgId}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status;
    expect(await get(await devToken(adminId))).toBe(200);
    expect(await get(await devToken('dev-user'))).toBe(401);
    // The identity service, too, takes a subject that is no user id for nobody, never for a 500.
    const me = await fetch(`${baseUrl}/api/identity/me`, {
      headers: { authorization: `Bearer ${await devToken('dev-user')}` },
    });
    expect({ status: me.status, type: me.headers.get('content-type') }).toEqual({
      status: 401,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
  });

  it('stops cleanly on SIGTERM, stopping its embedded database too', async () => {
    await app.stop('SIGTERM');
    expect(app.output()).toContain('shutdown complete');
    await waitFor(
      () => app.output().includes('embedded PostgreSQL stopped'),
      () => `database stopped; output:\n${app.output()}`,
      20_000,
    );
  }, 30_000);
});
