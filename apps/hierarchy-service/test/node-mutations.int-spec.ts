import { startHierarchyFixture, type HierarchyFixture } from './support/fixture';

/** Every mutation leaves exactly one event of the right CloudEvents type and one audit record, in one commit. */
describe('node mutations: one event and one audit record each', () => {
  let f: HierarchyFixture;
  let headers: Record<string, string>;

  beforeAll(async () => {
    f = await startHierarchyFixture();
    headers = { ...f.auth, 'content-type': 'application/json' };
  });
  afterAll(() => f?.close());

  const trail = async (id: string) => ({
    events: (
      await f.pg.query(
        `select type, aggregate_version, actor, payload from hierarchy.outbox_event where key = $1 order by seq`,
        [id],
      )
    ).rows,
    audits: (
      await f.pg.query(
        `select action, actor, changes from hierarchy.audit_record where object_id = $1 order by seq`,
        [id],
      )
    ).rows,
  });

  it('creates a tree with keys per level, and records each creation once', async () => {
    let parentId: string | undefined;
    const keysSeen: string[] = [];
    for (const level of [
      'organization',
      'portfolio',
      'program',
      'project',
      'measurePackage',
      'measure',
    ] as const) {
      const body: Record<string, unknown> = { level, title: `A ${level}`, ...(parentId ? { parentId } : {}) };
      if (level === 'measure')
        Object.assign(body, { measureKind: 'savings', ownerId: 'owner-1', tags: ['emea'] });
      const response = await f.nodes('POST', '', body);
      expect(response.statusCode).toBe(201);
      const node = response.json() as { id: string; key: string; path: string[]; parentId: string | null };
      expect(response.headers['etag']).toBe('"1"');
      expect(response.headers['location']).toBe(`/api/hierarchy/nodes/${node.id}`);
      expect(node.parentId).toBe(parentId ?? null);
      expect(node.path[node.path.length - 1]).toBe(node.id);
      keysSeen.push(node.key);
      const { events, audits } = await trail(node.id);
      expect(events).toEqual([
        {
          type: 'steerco.hierarchy.node.created.v1',
          aggregate_version: '1',
          actor: f.userId,
          payload: { node: expect.objectContaining({ id: node.id, level }) },
        },
      ]);
      expect(audits).toEqual([
        {
          action: 'created',
          actor: f.userId,
          changes: expect.objectContaining({ title: { before: null, after: `A ${level}` } }),
        },
      ]);
      parentId = node.id;
    }
    expect(keysSeen.map((k) => k.split('-')[0])).toEqual(['ORG', 'PF', 'PG', 'PJ', 'MP', 'M']);
    expect(keysSeen[5]).toMatch(/^M-\d{6}$/);
  });

  it('updates with field-level before and after, bumps the version, and records nothing for a no-op', async () => {
    const created = await f.nodes('POST', '', { level: 'organization', title: 'Old', region: 'EMEA' });
    const id = (created.json() as { id: string }).id;
    const updated = await f.t.request({
      method: 'PATCH',
      url: `/api/hierarchy/nodes/${id}`,
      headers: { ...headers, 'if-match': '"1"' },
      payload: JSON.stringify({ title: 'New', region: 'EMEA', costCentre: 'CC-1' }),
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers['etag']).toBe('"2"');
    const { events, audits } = await trail(id);
    const changes = { title: { before: 'Old', after: 'New' }, costCentre: { before: null, after: 'CC-1' } };
    expect(events.map((e) => [e.type, e.aggregate_version])).toEqual([
      ['steerco.hierarchy.node.created.v1', '1'],
      ['steerco.hierarchy.node.updated.v1', '2'],
    ]);
    expect(events[1].payload.changes).toEqual(changes);
    expect(audits[1]).toEqual({ action: 'updated', actor: f.userId, changes });

    const noop = await f.t.request({
      method: 'PATCH',
      url: `/api/hierarchy/nodes/${id}`,
      headers: { ...headers, 'if-match': '"2"' },
      payload: JSON.stringify({ title: 'New' }),
    });
    expect(noop.statusCode).toBe(200);
    expect(noop.headers['etag']).toBe('"2"');
    expect((await trail(id)).events).toHaveLength(2);

    const history = await f.t.request({ method: 'GET', url: `/api/hierarchy/nodes/${id}/history`, headers });
    expect((history.json() as { items: { action: string }[] }).items.map((i) => i.action)).toEqual([
      'created',
      'updated',
    ]);
  });

  it('refuses measure-only fields on a container, naming them', async () => {
    const response = await f.nodes('POST', '', { level: 'organization', title: 'X', customerRef: 'C-9' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'HIERARCHY.FIELD_NOT_APPLICABLE',
      errors: [{ field: 'body.customerRef' }],
    });
  });

  it('lists children page by page with an opaque cursor', async () => {
    const org = (await f.nodes('POST', '', { level: 'organization', title: 'Paged' })).json() as {
      id: string;
    };
    for (let i = 0; i < 5; i++) {
      await f.t.request({
        method: 'POST',
        url: '/api/hierarchy/nodes',
        headers,
        payload: JSON.stringify({ level: 'portfolio', parentId: org.id, title: `P${i}` }),
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (
        await f.t.request({
          method: 'GET',
          url: `/api/hierarchy/nodes?parentId=${org.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          headers,
        })
      ).json() as {
        items: { title: string }[];
        nextCursor?: string;
      };
      seen.push(...page.items.map((n) => n.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
  });
});
