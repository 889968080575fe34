import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { MessageBus } from '@steerco/platform-messaging';
import { MESSAGE_BUS } from '@steerco/platform-nest';
import { createTestDatabase } from '@steerco/platform-testing';
import { IdentityEvents } from '@steerco/platform-testing';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app';
import { AUDIENCE, forgedTokens, ISSUER, sign, testKeys } from './support/tokens';

/**
 * Bad input never becomes a 5xx and never changes anything: every refusal below is a 4xx problem+json with
 * a stable code, and the node, audit and outbox tables are untouched afterwards.
 */
describe('HTTP input handling (hierarchy service)', () => {
  const keys = testKeys();
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp;
  let pg: Client;
  let token: string;
  let orgId: string;
  let identity: IdentityEvents;

  const counts = async () => {
    const { rows } = await pg.query(`select
      (select count(*) from hierarchy.node)::int as nodes,
      (select count(*) from hierarchy.audit_record)::int as audits,
      (select count(*) from hierarchy.outbox_event)::int as events`);
    return rows[0];
  };

  const post = (payload: string | object, headers: Record<string, string> = {}) =>
    t.request({
      method: 'POST',
      url: '/api/hierarchy/nodes',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp({
      DATABASE_URL: db.url,
      AUTH_PUBLIC_KEY: keys.publicKeyPem,
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      HTTP_BODY_LIMIT_BYTES: '16384',
    });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    identity = new IdentityEvents(t.app.get<MessageBus>(MESSAGE_BUS));
    const userId = await identity.user(randomUUID(), { platformAdmin: true });
    token = await sign(keys.privateKey, { sub: userId });
    const created = await post({ level: 'organization', title: 'Acme' });
    expect(created.statusCode).toBe(201);
    orgId = (created.json() as { id: string }).id;
    await identity.grant(userId, 'pmo-admin', orgId);
  });

  afterAll(async () => {
    await pg?.end();
    await t?.close();
    await db?.drop();
  });

  function expectProblem(response: TestResponse, status: number, code: string) {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json() as Record<string, unknown>;
    expect(body).toMatchObject({
      status,
      code,
      type: expect.stringContaining('https://'),
      title: expect.any(String),
    });
    expect(body['correlationId']).toEqual(expect.any(String));
    return body as { errors?: { field: string; message: string }[] };
  }

  // Every row has all five columns: jest.each hands a shorter row's missing argument over as `done`.
  const refusals: [string, () => Promise<TestResponse>, number, string, string[] | null][] = [
    [
      'an unknown field',
      () => post({ level: 'portfolio', parentId: orgId, title: 'P', colour: 'red' }),
      400,
      'PLATFORM.VALIDATION_FAILED',
      ['body.colour'],
    ],
    [
      'wrong types',
      () => post({ level: 'portfolio', parentId: 42, title: ['P'], tags: 'x' }),
      400,
      'PLATFORM.VALIDATION_FAILED',
      ['body.parentId', 'body.title', 'body.tags'],
    ],
    [
      'an unknown level',
      () => post({ level: 'galaxy', title: 'G' }),
      400,
      'PLATFORM.VALIDATION_FAILED',
      ['body.level'],
    ],
    ['malformed JSON', () => post('{"level": "portfolio", '), 400, 'PLATFORM.MALFORMED_REQUEST', null],
    [
      'an oversized body',
      () => post({ level: 'portfolio', parentId: orgId, title: 'P', description: 'x'.repeat(20_000) }),
      413,
      'PLATFORM.PAYLOAD_TOO_LARGE',
      null,
    ],
    [
      'a non-JSON content type',
      () => post('level=portfolio', { 'content-type': 'text/plain' }),
      415,
      'PLATFORM.UNSUPPORTED_MEDIA_TYPE',
      null,
    ],
    [
      'a missing token',
      () => post({ level: 'portfolio', parentId: orgId, title: 'P' }, { authorization: '' }),
      401,
      'PLATFORM.UNAUTHENTICATED',
      null,
    ],
    [
      'a level-rule violation',
      () => post({ level: 'measure', parentId: orgId, title: 'M' }),
      422,
      'HIERARCHY.LEVEL_RULE_VIOLATED',
      ['body.parentId'],
    ],
    [
      'a parent that does not exist',
      () => post({ level: 'portfolio', parentId: '0190a0a0-0000-7000-8000-000000000000', title: 'P' }),
      422,
      'HIERARCHY.PARENT_NOT_FOUND',
      ['body.parentId'],
    ],
    [
      'a malformed id',
      () =>
        t.request({
          method: 'GET',
          url: '/api/hierarchy/nodes/not-a-uuid',
          headers: { authorization: `Bearer ${token}` },
        }),
      400,
      'PLATFORM.VALIDATION_FAILED',
      ['params.id'],
    ],
    [
      'an unknown node',
      () =>
        t.request({
          method: 'GET',
          url: '/api/hierarchy/nodes/0190a0a0-0000-7000-8000-000000000000',
          headers: { authorization: `Bearer ${token}` },
        }),
      404,
      'HIERARCHY.NODE_NOT_FOUND',
      null,
    ],
    [
      'an unknown route',
      () =>
        t.request({
          method: 'GET',
          url: '/api/hierarchy/nowhere',
          headers: { authorization: `Bearer ${token}` },
        }),
      404,
      'PLATFORM.NOT_FOUND',
      null,
    ],
    [
      'a tampered cursor',
      () =>
        t.request({
          method: 'GET',
          url: '/api/hierarchy/nodes?cursor=eyJ4IjoxfQ',
          headers: { authorization: `Bearer ${token}` },
        }),
      400,
      'PLATFORM.VALIDATION_FAILED',
      ['query.cursor'],
    ],
    [
      'a PATCH without If-Match',
      () =>
        t.request({
          method: 'PATCH',
          url: `/api/hierarchy/nodes/${orgId}`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: '{"title":"X"}',
        }),
      428,
      'PLATFORM.PRECONDITION_REQUIRED',
      null,
    ],
    [
      'a PATCH with a stale If-Match',
      () =>
        t.request({
          method: 'PATCH',
          url: `/api/hierarchy/nodes/${orgId}`,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'if-match': '"7"',
          },
          payload: '{"title":"X"}',
        }),
      409,
      'PLATFORM.VERSION_CONFLICT',
      null,
    ],
    [
      'an empty PATCH',
      () =>
        t.request({
          method: 'PATCH',
          url: `/api/hierarchy/nodes/${orgId}`,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'if-match': '"1"',
          },
          payload: '{}',
        }),
      400,
      'PLATFORM.VALIDATION_FAILED',
      null,
    ],
  ];

  it.each(refusals)(
    'refuses %s with a 4xx problem and changes nothing',
    async (_name, send, status, code, fields) => {
      const before = await counts();
      const body = expectProblem(await send(), status, code);
      if (fields) expect(body.errors?.map((e) => e.field).sort()).toEqual([...fields].sort());
      expect(await counts()).toEqual(before);
    },
  );

  it('refuses every forged token with 401 and changes nothing', async () => {
    const before = await counts();
    const forged = await forgedTokens(keys.privateKey, keys.publicKeyPem);
    for (const [name, forgedToken] of Object.entries(forged)) {
      const response = await post(
        { level: 'portfolio', parentId: orgId, title: name },
        { authorization: `Bearer ${forgedToken}` },
      );
      expect({ name, status: response.statusCode }).toEqual({ name, status: 401 });
      expectProblem(response, 401, 'PLATFORM.UNAUTHENTICATED');
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps health, metrics and the API description public, and nothing else', async () => {
    for (const url of ['/health/live', '/health/ready', '/metrics', '/api/hierarchy/openapi.json']) {
      expect({ url, status: (await t.request({ method: 'GET', url })).statusCode }).toEqual({
        url,
        status: 200,
      });
    }
    expect((await t.request({ method: 'GET', url: '/api/hierarchy/nodes' })).statusCode).toBe(401);
  });
});
