import type { TestResponse } from './support/test-app';
import { startHierarchyFixture, type HierarchyFixture } from './support/fixture';

interface Node {
  id: string;
  key: string;
  title: string;
  path: string[];
  version: number;
  archived: boolean;
}

/** Moving, archiving and reading the tree around a node. */
describe('the work tree: ancestors, subtree, move, archive', () => {
  let f: HierarchyFixture;
  const n: Record<string, Node> = {};

  const call = (method: string, url: string, body?: object, extra: Record<string, string> = {}) =>
    f.nodes(method, url, body, extra);
  const get = async (name: string) => (n[name] = (await call('GET', `/${n[name].id}`)).json() as Node);
  const titles = (response: TestResponse) => (response.json() as { items: Node[] }).items.map((x) => x.title);
  const ifMatch = (name: string) => ({ 'if-match': `"${n[name].version}"` });

  beforeAll(async () => {
    f = await startHierarchyFixture();
    const tree: [string, string, string | null][] = [
      ['A', 'organization', null],
      ['P1', 'portfolio', 'A'],
      ['P2', 'portfolio', 'A'],
      ['G1', 'program', 'P1'],
      ['J1', 'project', 'G1'],
      ['K1', 'measurePackage', 'J1'],
      ['M1', 'measure', 'K1'],
      ['M2', 'measure', 'K1'],
    ];
    for (const [name, level, parent] of tree) {
      const response = await call('POST', '', {
        level,
        title: name,
        ...(parent ? { parentId: n[parent].id } : {}),
      });
      expect(response.statusCode).toBe(201);
      n[name] = response.json() as Node;
    }
  });

  afterAll(() => f?.close());

  it('answers the breadcrumb, the children and the filtered subtree', async () => {
    expect(titles(await call('GET', `/${n['M1'].id}/ancestors`))).toEqual(['A', 'P1', 'G1', 'J1', 'K1']);
    expect(titles(await call('GET', `/${n['A'].id}/ancestors`))).toEqual([]);
    expect(titles(await call('GET', `/${n['A'].id}/children`)).sort()).toEqual(['P1', 'P2']);
    expect(titles(await call('GET', `/${n['P1'].id}/subtree`)).sort()).toEqual([
      'G1',
      'J1',
      'K1',
      'M1',
      'M2',
    ]);
    expect(titles(await call('GET', `/${n['P1'].id}/subtree?level=measure`)).sort()).toEqual(['M1', 'M2']);
    expect(titles(await call('GET', `/${n['A'].id}/subtree?q=M2`))).toEqual(['M2']);
    expect((await call('GET', `/${n['P2'].id}/subtree`)).json()).toEqual({ items: [] });
  });

  it('refuses moves that break the tree, and stale versions, changing nothing', async () => {
    const refusals: [string, string, object, Record<string, string>, number, string][] = [
      [
        'under its own descendant',
        'G1',
        { parentId: n['J1'].id },
        ifMatch('G1'),
        422,
        'HIERARCHY.MOVE_UNDER_DESCENDANT',
      ],
      ['under itself', 'G1', { parentId: n['G1'].id }, ifMatch('G1'), 422, 'HIERARCHY.MOVE_UNDER_DESCENDANT'],
      [
        'to the wrong level',
        'G1',
        { parentId: n['A'].id },
        ifMatch('G1'),
        422,
        'HIERARCHY.LEVEL_RULE_VIOLATED',
      ],
      [
        'with a stale version',
        'G1',
        { parentId: n['P2'].id },
        { 'if-match': '"9"' },
        409,
        'PLATFORM.VERSION_CONFLICT',
      ],
      ['without a version', 'G1', { parentId: n['P2'].id }, {}, 428, 'PLATFORM.PRECONDITION_REQUIRED'],
      [
        'with an unknown field',
        'G1',
        { parentId: n['P2'].id, force: true },
        ifMatch('G1'),
        400,
        'PLATFORM.VALIDATION_FAILED',
      ],
    ];
    const events = async () =>
      Number((await f.pg.query('select count(*) n from hierarchy.outbox_event')).rows[0].n);
    const before = await events();
    for (const [name, node, body, extra, status, code] of refusals) {
      const response = await call('POST', `/${n[node].id}/move`, body, extra);
      expect({ name, status: response.statusCode, code: (response.json() as { code: string }).code }).toEqual(
        { name, status, code },
      );
    }
    expect(await events()).toBe(before);
    expect(titles(await call('GET', `/${n['M1'].id}/ancestors`))).toEqual(['A', 'P1', 'G1', 'J1', 'K1']);
  });

  it('moves a node with its whole subtree intact, audited and published once', async () => {
    const response = await call('POST', `/${n['G1'].id}/move`, { parentId: n['P2'].id }, ifMatch('G1'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['etag']).toBe(`"${n['G1'].version + 1}"`);
    expect(titles(await call('GET', `/${n['M1'].id}/ancestors`))).toEqual(['A', 'P2', 'G1', 'J1', 'K1']);
    expect(titles(await call('GET', `/${n['P2'].id}/subtree`)).sort()).toEqual([
      'G1',
      'J1',
      'K1',
      'M1',
      'M2',
    ]);
    expect((await call('GET', `/${n['P1'].id}/subtree`)).json()).toEqual({ items: [] });
    expect((await get('M2')).path).toEqual([
      n['A'].id,
      n['P2'].id,
      n['G1'].id,
      n['J1'].id,
      n['K1'].id,
      n['M2'].id,
    ]);

    const { rows: events } = await f.pg.query(
      `select type, payload from hierarchy.outbox_event where key = $1 order by seq`,
      [n['G1'].id],
    );
    expect(events.map((e) => e.type)).toEqual([
      'steerco.hierarchy.node.created.v1',
      'steerco.hierarchy.node.moved.v1',
    ]);
    expect(events[1].payload).toMatchObject({
      fromParentId: n['P1'].id,
      toParentId: n['P2'].id,
      descendantsMoved: 4,
    });
    const { rows: audits } = await f.pg.query(
      `select action, changes from hierarchy.audit_record where object_id = $1 order by seq`,
      [n['G1'].id],
    );
    expect(audits[1]).toEqual({
      action: 'moved',
      changes: { parentId: { before: n['P1'].id, after: n['P2'].id } },
    });
  });

  it('archives a node with active descendants only on explicit cascade', async () => {
    await get('P2');
    const refused = await call('POST', `/${n['P2'].id}/archive`, {}, ifMatch('P2'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'HIERARCHY.ACTIVE_DESCENDANTS',
      errors: [{ field: 'body.cascade' }],
    });
    expect((await get('P2')).archived).toBe(false);

    const archived = await call('POST', `/${n['P2'].id}/archive`, { cascade: true }, ifMatch('P2'));
    expect(archived.statusCode).toBe(200);
    for (const name of ['P2', 'G1', 'J1', 'K1', 'M1', 'M2']) expect((await get(name)).archived).toBe(true);
    const { rows } = await f.pg.query(
      `select count(*) n from hierarchy.outbox_event where type = 'steerco.hierarchy.node.archived.v1'`,
    );
    expect(Number(rows[0].n)).toBe(6);
    expect(titles(await call('GET', `/${n['A'].id}/children`))).toEqual(['P1']);
    expect(titles(await call('GET', `/${n['A'].id}/children?includeArchived=true`)).sort()).toEqual([
      'P1',
      'P2',
    ]);
    expect(
      titles(await call('GET', `/${n['A'].id}/subtree?includeArchived=true&level=measure`)).sort(),
    ).toEqual(['M1', 'M2']);
  });

  it('restores top-down: a node under an archived parent stays archived', async () => {
    await get('G1');
    const refused = await call('POST', `/${n['G1'].id}/unarchive`, undefined, ifMatch('G1'));
    expect({ status: refused.statusCode, code: (refused.json() as { code: string }).code }).toEqual({
      status: 422,
      code: 'HIERARCHY.PARENT_ARCHIVED',
    });
    await get('P2');
    expect((await call('POST', `/${n['P2'].id}/unarchive`, undefined, ifMatch('P2'))).statusCode).toBe(200);
    expect((await call('POST', `/${n['G1'].id}/unarchive`, undefined, ifMatch('G1'))).statusCode).toBe(200);
    expect((await get('G1')).archived).toBe(false);
    expect((await get('J1')).archived).toBe(true);
  });
});
