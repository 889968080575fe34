import type { TestResponse } from './support/test-app';
import { startHierarchyFixture, type HierarchyFixture } from './support/fixture';

interface Node {
  id: string;
  key: string;
  version: number;
}

describe('measure dependencies and risks', () => {
  let f: HierarchyFixture;
  const m: Record<string, Node> = {};
  let pkg: Node;

  const call = (method: string, url: string, body?: object, extra: Record<string, string> = {}) =>
    f.nodes(method, url, body, extra);
  const create = async (level: string, title: string, parentId?: string) =>
    (await call('POST', '', { level, title, ...(parentId ? { parentId } : {}) })).json() as Node;
  const depend = (successor: string, predecessor: string) =>
    call('POST', `/${m[successor].id}/dependencies`, { predecessorId: m[predecessor].id });
  const codeOf = (r: TestResponse) => ({ status: r.statusCode, code: (r.json() as { code?: string }).code });

  beforeAll(async () => {
    f = await startHierarchyFixture();
    let parent: Node | undefined;
    for (const level of ['organization', 'portfolio', 'program', 'project', 'measurePackage'])
      parent = await create(level, level, parent?.id);
    pkg = parent as Node;
    for (const name of ['A', 'B', 'C', 'D']) m[name] = await create('measure', name, pkg.id);
  });

  afterAll(() => f?.close());

  it('links measures, lists both directions, and publishes one event per link', async () => {
    expect((await depend('B', 'A')).statusCode).toBe(201);
    expect((await depend('C', 'B')).statusCode).toBe(201);
    const b = (await call('GET', `/${m['B'].id}/dependencies`)).json() as {
      predecessors: Node[];
      successors: Node[];
    };
    expect(b.predecessors.map((n) => n.id)).toEqual([m['A'].id]);
    expect(b.successors.map((n) => n.id)).toEqual([m['C'].id]);
    const { rows } = await f.pg.query(
      `select type, payload from hierarchy.outbox_event where key = $1 and type like '%dependency%'`,
      [m['B'].id],
    );
    expect(rows).toEqual([
      {
        type: 'steerco.hierarchy.node.dependencyAdded.v1',
        payload: { successorId: m['B'].id, predecessorId: m['A'].id, nodeVersion: 2 },
      },
    ]);
  });

  it('refuses a link that would close a cycle, directly or through others, with 422 and no change', async () => {
    const before = (await f.pg.query('select count(*) n from hierarchy.measure_dependency')).rows[0].n;
    expect(codeOf(await depend('A', 'C'))).toEqual({ status: 422, code: 'HIERARCHY.DEPENDENCY_CYCLE' });
    expect(codeOf(await depend('A', 'B'))).toEqual({ status: 422, code: 'HIERARCHY.DEPENDENCY_CYCLE' });
    expect(codeOf(await depend('A', 'A'))).toEqual({ status: 422, code: 'HIERARCHY.DEPENDENCY_CYCLE' });
    const toPackage = await call('POST', `/${m['A'].id}/dependencies`, { predecessorId: pkg.id });
    expect(codeOf(toPackage)).toEqual({ status: 422, code: 'HIERARCHY.NOT_A_MEASURE' });
    expect((await f.pg.query('select count(*) n from hierarchy.measure_dependency')).rows[0].n).toBe(before);
  });

  it('removes a link, after which the reverse link is allowed', async () => {
    expect((await call('DELETE', `/${m['C'].id}/dependencies/${m['B'].id}`)).statusCode).toBe(200);
    expect(codeOf(await call('DELETE', `/${m['C'].id}/dependencies/${m['B'].id}`))).toEqual({
      status: 404,
      code: 'HIERARCHY.DEPENDENCY_NOT_FOUND',
    });
    expect((await depend('B', 'C')).statusCode).toBe(201);
  });

  it('raises, reassesses and closes risks with optimistic concurrency, audited and published', async () => {
    const raised = await call('POST', `/${m['D'].id}/risks`, {
      title: 'Supplier exit',
      probability: 3,
      impact: 4,
      ownerId: 'owner-1',
    });
    expect(raised.statusCode).toBe(201);
    const risk = raised.json() as { id: string; version: number; status: string };
    expect(risk).toMatchObject({ status: 'open', version: 1 });
    const invalid = await call('POST', `/${m['D'].id}/risks`, { title: 'x', probability: 9, impact: 0 });
    expect((invalid.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual([
      'body.impact',
      'body.probability',
    ]);

    const stale = await call(
      'PATCH',
      `/${m['D'].id}/risks/${risk.id}`,
      { status: 'closed' },
      { 'if-match': '"7"' },
    );
    expect(codeOf(stale)).toEqual({ status: 409, code: 'PLATFORM.VERSION_CONFLICT' });
    const closed = await call(
      'PATCH',
      `/${m['D'].id}/risks/${risk.id}`,
      { status: 'closed', mitigation: 'Second source' },
      { 'if-match': '"1"' },
    );
    expect(closed.statusCode).toBe(200);
    expect(closed.headers['etag']).toBe('"2"');

    const list = (await call('GET', `/${m['D'].id}/risks`)).json() as {
      items: { status: string; mitigation: string }[];
    };
    expect(list.items).toEqual([expect.objectContaining({ status: 'closed', mitigation: 'Second source' })]);
    const events = await f.pg.query(
      `select topic, type from hierarchy.outbox_event where key = $1 order by seq`,
      [risk.id],
    );
    expect(events.rows).toEqual([
      { topic: 'steerco.hierarchy.risk.v1', type: 'steerco.hierarchy.risk.raised.v1' },
      { topic: 'steerco.hierarchy.risk.v1', type: 'steerco.hierarchy.risk.updated.v1' },
    ]);
    const audit = await f.pg.query(
      `select action, changes from hierarchy.audit_record where object_id = $1 order by seq`,
      [risk.id],
    );
    expect(audit.rows[1]).toEqual({
      action: 'updated',
      changes: {
        status: { before: 'open', after: 'closed' },
        mitigation: { before: null, after: 'Second source' },
      },
    });
  });
});
