import { HIERARCHY_SCHEMA, NodeRows } from '@steerco/hierarchy-service';
import { unitOfWorkToken } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { startHierarchyFixture, type HierarchyFixture } from './support/fixture';

/**
 * A node update is a read and one guarded statement, with no transaction between them
 * (docs/adr/0012-guarded-single-statement-updates.md): whatever changes the node between the two makes the
 * statement write nothing, and concurrent updates keep one audit chain.
 */
describe('node updates: read, then one guarded statement', () => {
  let f: HierarchyFixture;
  let uow: UnitOfWork;
  let json: Record<string, string>;

  beforeAll(async () => {
    f = await startHierarchyFixture();
    uow = f.t.app.get<UnitOfWork>(unitOfWorkToken(HIERARCHY_SCHEMA));
    json = { ...f.auth, 'content-type': 'application/json' };
  });
  afterAll(() => f?.close());

  const create = async (level: string, title: string, parentId?: string) => {
    const response = await f.nodes('POST', '', { level, title, ...(parentId ? { parentId } : {}) });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string };
  };
  const patch = (id: string, version: number, body: object) =>
    f.t.request({
      method: 'PATCH',
      url: `/api/hierarchy/nodes/${id}`,
      headers: { ...json, 'if-match': `"${version}"` },
      payload: JSON.stringify(body),
    });
  const counts = async (id: string) => {
    const { rows } = await f.pg.query<{ audits: string; events: string }>(
      `select (select count(*) from hierarchy.audit_record where object_id = $1) as audits,
              (select count(*) from hierarchy.outbox_event where key = $1) as events`,
      [id],
    );
    return { audits: Number(rows[0].audits), events: Number(rows[0].events) };
  };
  const chainOf = (id: string) =>
    uow.auditTrail.verify(
      { query: async (text: string, params?: unknown[]) => (await f.pg.query(text, params)).rows },
      'node',
      id,
    );
  /** A tree org > two portfolios, a program under the first and a project under the program. */
  const tree = async (name: string) => {
    const org = await create('organization', name);
    const portfolio = await create('portfolio', `${name} portfolio`, org.id);
    const otherPortfolio = await create('portfolio', `${name} other portfolio`, org.id);
    const program = await create('program', `${name} program`, portfolio.id);
    const project = await create('project', `${name} project`, program.id);
    return { portfolio, otherPortfolio, program, project };
  };
  /** The guarded title update of the node as it is now, to run after something changed it. */
  const readForUpdate = async (id: string, title: string) => {
    const rows = new NodeRows(uow.sqlReader(), HIERARCHY_SCHEMA);
    const node = await rows.findById(id);
    if (!node) throw new Error(`no node ${id}`);
    const read = { version: node.version, path: node.path };
    return () =>
      uow.runGuarded((tx) => {
        node.title = title;
        node.version += 1;
        tx.audit({
          objectType: 'node',
          objectId: id,
          action: 'updated',
          changes: { title: { before: null, after: title } },
        });
        return rows.guardedUpdate(node, ['title'], read);
      });
  };

  it('lets one of several concurrent updates with the same If-Match through and refuses the rest with 409', async () => {
    const { project } = await tree('Race');
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => patch(project.id, 1, { title: `Racer ${i}` })),
    );
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = responses.find((r) => r.statusCode === 200);
    expect(winner?.headers['etag']).toBe('"2"');
    const stored = await f.pg.query(`select title, version from hierarchy.node where id = $1`, [project.id]);
    expect(stored.rows[0]).toEqual({ title: (winner?.json() as { title: string }).title, version: 2 });
    expect(await counts(project.id)).toEqual({ audits: 2, events: 2 });
    await expect(chainOf(project.id)).resolves.toEqual({ valid: true });
  });

  it('writes nothing when an ancestor moved between the read and the write, and succeeds on a fresh read', async () => {
    const { otherPortfolio, program, project } = await tree('Moved');
    const update = await readForUpdate(project.id, 'Stale title');
    const moved = await f.t.request({
      method: 'POST',
      url: `/api/hierarchy/nodes/${program.id}/move`,
      headers: { ...json, 'if-match': '"1"' },
      payload: JSON.stringify({ parentId: otherPortfolio.id }),
    });
    expect(moved.statusCode).toBe(200);
    const before = await counts(project.id);
    await expect(update()).resolves.toBe(false);
    expect(await counts(project.id)).toEqual(before);
    const stored = await f.pg.query(`select title, version from hierarchy.node where id = $1`, [project.id]);
    expect(stored.rows[0]).toEqual({ title: 'Moved project', version: 1 });

    await expect((await readForUpdate(project.id, 'Fresh title'))()).resolves.toBe(true);
    expect(await counts(project.id)).toEqual({ audits: before.audits + 1, events: before.events });
  });

  it('writes nothing when the node was archived between the read and the write', async () => {
    const { project } = await tree('Archived');
    const update = await readForUpdate(project.id, 'Too late');
    const archived = await f.t.request({
      method: 'POST',
      url: `/api/hierarchy/nodes/${project.id}/archive`,
      headers: { ...json, 'if-match': '"1"' },
      payload: JSON.stringify({}),
    });
    expect(archived.statusCode).toBe(200);
    const before = await counts(project.id);
    // The archive bumped the version; even at the new version the guard refuses an archived node.
    await expect(update()).resolves.toBe(false);
    expect(await counts(project.id)).toEqual(before);
    await f.pg.query(`update hierarchy.node set version = 1 where id = $1`, [project.id]);
    await expect(update()).resolves.toBe(false);
    expect(await counts(project.id)).toEqual(before);
  });

  it('keeps one audit chain through guarded updates and a move in between', async () => {
    const { portfolio, project } = await tree('Chain');
    let version = 1;
    for (const title of ['One', 'Two', 'Three']) {
      const response = await patch(project.id, version, { title });
      expect(response.statusCode).toBe(200);
      version = Number(String(response.headers['etag']).replace(/"/g, ''));
    }
    const other = await create('program', 'Chain other program', portfolio.id);
    const moved = await f.t.request({
      method: 'POST',
      url: `/api/hierarchy/nodes/${project.id}/move`,
      headers: { ...json, 'if-match': `"${version}"` },
      payload: JSON.stringify({ parentId: other.id }),
    });
    expect(moved.statusCode).toBe(200);
    expect((await patch(project.id, version + 1, { title: 'Four' })).statusCode).toBe(200);
    expect(await counts(project.id)).toEqual({ audits: 6, events: 6 });
    await expect(chainOf(project.id)).resolves.toEqual({ valid: true });
  });

  it('writes only the fields sent and keeps the rest as stored, through one statement text', async () => {
    const { project } = await tree('Fields');
    const long = 'A long description. '.repeat(300);
    expect(
      (await patch(project.id, 1, { description: long, region: 'EMEA', tags: ['a', 'b'] })).statusCode,
    ).toBe(200);
    expect((await patch(project.id, 2, { title: 'Renamed' })).statusCode).toBe(200);
    const stored = () =>
      f.pg
        .query(`select title, description, region, tags, version from hierarchy.node where id = $1`, [
          project.id,
        ])
        .then((r) => r.rows[0]);
    expect(await stored()).toEqual({
      title: 'Renamed',
      description: long,
      region: 'EMEA',
      tags: ['a', 'b'],
      version: 3,
    });
    expect((await patch(project.id, 3, { region: null, tags: [] })).statusCode).toBe(200);
    expect(await stored()).toEqual({
      title: 'Renamed',
      description: long,
      region: null,
      tags: [],
      version: 4,
    });

    const rows = new NodeRows(uow.sqlReader(), HIERARCHY_SCHEMA);
    const node = await rows.findById(project.id);
    if (!node) throw new Error('the node is gone');
    const read = { version: node.version, path: node.path };
    expect(rows.guardedUpdate(node, ['title'], read).sql).toBe(
      rows.guardedUpdate(node, ['region', 'tags'], read).sql,
    );
    expect(() => rows.guardedUpdate(node, ['key'], read)).toThrow('not editable: key');
  });

  /**
   * The update of a node this process wrote last, at the version If-Match names, takes the node from memory
   * instead of reading it (docs/adr/0016-recently-updated-nodes-in-memory.md); the guard still checks it.
   */
  describe('nodes this process wrote last', () => {
    const patchAs = (auth: Record<string, string>, id: string, version: number, body: object) =>
      f.t.request({
        method: 'PATCH',
        url: `/api/hierarchy/nodes/${id}`,
        headers: { ...auth, 'content-type': 'application/json', 'if-match': `"${version}"` },
        payload: JSON.stringify(body),
      });
    const move = async (id: string, parentId: string) => {
      const { rows } = await f.pg.query(`select version from hierarchy.node where id = $1`, [id]);
      const response = await f.t.request({
        method: 'POST',
        url: `/api/hierarchy/nodes/${id}/move`,
        headers: { ...json, 'if-match': `"${rows[0].version}"` },
        payload: JSON.stringify({ parentId }),
      });
      expect(response.statusCode).toBe(200);
    };
    const lastChanges = async (id: string) => {
      const { rows } = await f.pg.query(
        `select changes from hierarchy.audit_record where object_id = $1 order by seq desc limit 1`,
        [id],
      );
      return rows[0].changes as Record<string, { before: unknown; after: unknown }>;
    };
    /** Another user, known to the service, with `role` on `nodeId`. */
    const userWith = async (role: string, nodeId: string) => {
      const userId = await f.identity.user();
      await f.identity.grant(userId, role, nodeId);
      return f.authFor(userId);
    };

    it('takes the node from memory: what changed behind the service without a version bump is not read', async () => {
      const { project } = await tree('Remembered');
      expect((await patch(project.id, 1, { title: 'Written by this process' })).statusCode).toBe(200);
      // No command writes a node without bumping its version; this one breaks the rule on purpose.
      await f.pg.query(`update hierarchy.node set title = 'Behind its back' where id = $1`, [project.id]);
      expect((await patch(project.id, 2, { title: 'Next' })).statusCode).toBe(200);
      expect((await lastChanges(project.id)).title).toEqual({
        before: 'Written by this process',
        after: 'Next',
      });
    });

    it('reads the database again when an ancestor moved since, and answers with the node where it is now', async () => {
      const { otherPortfolio, program, project } = await tree('Remembered moved');
      expect((await patch(project.id, 1, { title: 'Before the move' })).statusCode).toBe(200);
      await move(program.id, otherPortfolio.id);
      const before = await counts(project.id);
      const response = await patch(project.id, 2, { title: 'After the move' });
      expect(response.statusCode).toBe(200);
      expect((response.json() as { path: string[] }).path).toEqual([
        expect.any(String),
        otherPortfolio.id,
        program.id,
        project.id,
      ]);
      expect(await counts(project.id)).toEqual({ audits: before.audits + 1, events: before.events + 1 });
      await expect(chainOf(project.id)).resolves.toEqual({ valid: true });
    });

    it('lets a caller in whose scope an ancestor moved the node since, though the remembered path is outside it', async () => {
      const { otherPortfolio, program, project } = await tree('Moved in');
      const editor = await userWith('pmo-admin', otherPortfolio.id);
      expect((await patch(project.id, 1, { title: 'Out of their scope' })).statusCode).toBe(200);
      await move(program.id, otherPortfolio.id);
      const response = await patchAs(editor, project.id, 2, { title: 'Now in their scope' });
      expect(response.statusCode).toBe(200);
      expect((await lastChanges(project.id)).title).toEqual({
        before: 'Out of their scope',
        after: 'Now in their scope',
      });
    });

    it('refuses a caller out of whose scope an ancestor moved the node since, and writes nothing', async () => {
      const { portfolio, otherPortfolio, program, project } = await tree('Moved out');
      const editor = await userWith('pmo-admin', portfolio.id);
      expect((await patchAs(editor, project.id, 1, { title: 'In their scope' })).statusCode).toBe(200);
      await move(program.id, otherPortfolio.id);
      const before = await counts(project.id);
      expect((await patchAs(editor, project.id, 2, { title: 'No longer theirs' })).statusCode).toBe(404);
      expect(await counts(project.id)).toEqual(before);
    });

    it('follows a write by another replica: its version is read from the database, the remembered one is stale', async () => {
      const { project } = await tree('Replica');
      expect((await patch(project.id, 1, { title: 'This replica' })).statusCode).toBe(200);
      // Another replica's update: a new version, its own audit record aside.
      await f.pg.query(`update hierarchy.node set title = 'Other replica', version = 3 where id = $1`, [
        project.id,
      ]);
      const before = await counts(project.id);
      expect((await patch(project.id, 2, { title: 'Stale If-Match' })).statusCode).toBe(409);
      expect(await counts(project.id)).toEqual(before);
      expect((await patch(project.id, 3, { title: 'Current If-Match' })).statusCode).toBe(200);
      expect((await lastChanges(project.id)).title).toEqual({
        before: 'Other replica',
        after: 'Current If-Match',
      });
    });
  });
});
