import { fromBusMessage, userCreatedV1Schema, type BusMessage } from '@steerco/contracts';
import { KafkaBus } from '@steerco/platform-messaging';
import {
  baseEnv,
  createTestDatabase,
  freePort,
  startBuiltApp,
  testKafkaBrokers,
  testLogger,
  uniqueName,
  waitFor,
} from '@steerco/platform-testing';
import { secretOf, totp } from './support/sessions';

const KEY = Buffer.alloc(32, 3).toString('base64');

async function post(url: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The built identity-service as its own process over the real Kafka, and a hierarchy-service trusting it. */
describe('identity-service process', () => {
  it('refuses to start without its required configuration, naming each variable', async () => {
    const missing = startBuiltApp('identity-service', baseEnv({}));
    expect((await missing.exited).code).toBe(78);
    expect(missing.output()).toContain('DATABASE_URL: is required');
    expect(missing.output()).toContain('KAFKA_BROKERS: is required');

    const bad = startBuiltApp(
      'identity-service',
      baseEnv({
        DATABASE_URL: 'postgresql://x@127.0.0.1/x',
        KAFKA_BROKERS: 'k:9092',
        IDENTITY_KEY_ENCRYPTION_KEY: 'c2hvcnQ=',
        IDENTITY_TRUSTED_PROXIES: '10.0.0.0/99',
      }),
    );
    expect((await bad.exited).code).toBe(78);
    expect(bad.output()).toContain('IDENTITY_KEY_ENCRYPTION_KEY: must be 32 random bytes');
    expect(bad.output()).toMatch(/IDENTITY_TRUSTED_PROXIES: '10.0.0.0\/99' has an invalid prefix/);
  });

  it('refuses to run in production without a key to encrypt its keys with', async () => {
    const db = await createTestDatabase();
    try {
      const prod = startBuiltApp(
        'identity-service',
        baseEnv({
          STEERCO_ENV: 'production',
          DATABASE_URL: db.url,
          KAFKA_BROKERS: testKafkaBrokers().join(','),
        }),
      );
      expect((await prod.exited).code).toBe(78);
      expect(prod.output()).toContain('IDENTITY_KEY_ENCRYPTION_KEY: is required in production');
    } finally {
      await db.drop();
    }
  });

  describe('serving over Kafka, trusted by a hierarchy-service', () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let identity: ReturnType<typeof startBuiltApp>;
    let hierarchy: ReturnType<typeof startBuiltApp>;
    let identityUrl: string;
    let hierarchyUrl: string;
    let bus: KafkaBus;
    const seen: BusMessage[] = [];

    const ready = (url: string, app: ReturnType<typeof startBuiltApp>) =>
      waitFor(
        async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200,
        () => `ready; output:\n${app.output()}`,
        60_000,
        200,
      );

    beforeAll(async () => {
      db = await createTestDatabase();
      const [identityPort, hierarchyPort] = [await freePort(), await freePort()];
      identityUrl = `http://127.0.0.1:${identityPort}`;
      hierarchyUrl = `http://127.0.0.1:${hierarchyPort}`;
      const common = {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        STEERCO_ENV: 'production',
        AUTH_ISSUER: 'steerco-process-test',
      };
      identity = startBuiltApp(
        'identity-service',
        baseEnv({ ...common, PORT: String(identityPort), IDENTITY_KEY_ENCRYPTION_KEY: KEY }),
      );
      await ready(identityUrl, identity);
      hierarchy = startBuiltApp(
        'hierarchy-service',
        baseEnv({
          ...common,
          PORT: String(hierarchyPort),
          AUTH_JWKS_URL: `${identityUrl}/api/identity/.well-known/jwks.json`,
        }),
      );
      await ready(hierarchyUrl, hierarchy);
      bus = new KafkaBus({
        brokers: testKafkaBrokers(),
        clientId: 'identity-process-test',
        logger: testLogger(),
      });
      await bus.subscribe(
        uniqueName('identity-process'),
        ['steerco.identity.user.v1'],
        async (m) => void seen.push(m),
      );
    }, 120_000);

    afterAll(async () => {
      await bus?.close();
      const exits = await Promise.all([hierarchy?.stop('SIGTERM'), identity?.stop('SIGTERM')]);
      await db?.drop();
      expect(exits).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
    }, 60_000);

    it('prints a one-time admin password once, then walks the admin through password change and TOTP set-up', async () => {
      const printed = /One-time password: (\S+)/.exec(identity.output());
      expect(printed).not.toBeNull();
      const oneTime = (printed as RegExpExecArray)[1];
      expect(identity.output().split(oneTime)).toHaveLength(2); // exactly once, and in no log record

      const auth = `${identityUrl}/api/identity`;
      const first = await post(`${auth}/auth/login`, { email: 'admin@steerco.local', password: oneTime });
      expect(first.body).toEqual({ passwordChangeRequired: true, passwordChangeToken: expect.any(String) });
      const changed = await post(`${auth}/me/password`, {
        passwordChangeToken: first.body['passwordChangeToken'],
        newPassword: 'cobalt ferry 2026 marimba',
      });
      expect(changed.status).toBe(204);
      const second = await post(`${auth}/auth/login`, {
        email: 'admin@steerco.local',
        password: 'cobalt ferry 2026 marimba',
      });
      expect(second.body).toMatchObject({ mfaRequired: true, mfaEnrolmentRequired: true });
      const enrol = await post(`${auth}/auth/mfa/enrol`, { mfaToken: second.body['mfaToken'] });
      const secret = secretOf(enrol.body['otpauthUri'] as string);
      const verified = await post(`${auth}/auth/mfa/verify`, {
        mfaToken: second.body['mfaToken'],
        code: await totp(secret),
      });
      expect(verified.status).toBe(200);
      const accessToken = verified.body['accessToken'] as string;

      // The hierarchy service knows nothing of identity but its JWKS URL, and accepts the token.
      const node = await post(
        `${hierarchyUrl}/api/hierarchy/nodes`,
        { level: 'organization', title: 'Acme' },
        { authorization: `Bearer ${accessToken}` },
      );
      expect(node.status).toBe(201);
      const forged = await post(
        `${hierarchyUrl}/api/hierarchy/nodes`,
        { level: 'organization', title: 'Acme' },
        { authorization: `Bearer ${accessToken.slice(0, -4)}AAAA` },
      );
      expect(forged.status).toBe(401);

      // The admin's creation and TOTP set-up are on the user topic, keyed by the user. The topic outlives
      // test runs, so only this admin's events count.
      const me = await fetch(`${auth}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      const adminId = ((await me.json()) as { id: string }).id;
      const mine = () => seen.filter((m) => m.key === adminId);
      await waitFor(() => mine().length >= 2, 'user events on Kafka', 60_000);
      const events = mine().map(fromBusMessage);
      expect(events.map((e) => e.type)).toEqual([
        'steerco.identity.user.created.v1',
        'steerco.identity.user.mfaEnrolled.v1',
      ]);
      const created = userCreatedV1Schema.parse(events[0].data);
      expect(created.user).toMatchObject({ id: adminId, email: 'admin@steerco.local', mfaRequired: true });
      expect(events[0].source).toBe('/steerco/identity');
    }, 90_000);

    it('applies its migrations with the migrate command and exits', async () => {
      const migrate = startBuiltApp(
        'identity-service',
        baseEnv({ DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(',') }),
        ['migrate'],
      );
      expect((await migrate.exited).code).toBe(0);
      expect(migrate.output()).toContain('migrations applied');
    });
  });
});
