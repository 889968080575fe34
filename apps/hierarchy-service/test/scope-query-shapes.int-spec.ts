import { HIERARCHY_SCHEMA, NodeRows } from '@steerco/hierarchy-service';
import { unitOfWorkToken } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { startHierarchyFixture, type HierarchyFixture } from './support/fixture';

interface Created {
  id: string;
  key: string;
  path: string[];
}

/**
 * A scoped list comes in two query shapes (NodeRows.page): a small scope is found first and sorted, a large
 * one is left to the planner. Both must answer the same rows in the same order, page after page.
 */
describe('scoped lists: both query shapes answer alike', () => {
  let f: HierarchyFixture;
  let rows: NodeRows;
  const nodes: Created[] = [];

  const create = async (level: string, title: string, parentId?: string) => {
    const response = await f.nodes('POST', '', { level, title, ...(parentId ? { parentId } : {}) });
    expect(response.statusCode).toBe(201);
    const node = response.json() as Created;
    nodes.push(node);
    return node;
  };

  beforeAll(async () => {
    f = await startHierarchyFixture();
    rows = new NodeRows(
      f.t.app.get<UnitOfWork>(unitOfWorkToken(HIERARCHY_SCHEMA)).sqlReader(),
      HIERARCHY_SCHEMA,
    );
    const org = await create('organization', 'Org');
    for (let p = 0; p < 2; p++) {
      const portfolio = await create('portfolio', `Portfolio ${p}`, org.id);
      for (let g = 0; g < 2; g++) {
        const program = await create('program', `Program ${p}.${g}`, portfolio.id);
        for (let j = 0; j < 2; j++) {
          const project = await create('project', `Project ${p}.${g}.${j}`, program.id);
          const pkg = await create('measurePackage', `Package ${p}.${g}.${j}`, project.id);
          for (let m = 0; m < 3; m++) await create('measure', `Measure ${p}.${g}.${j}.${m}`, pkg.id);
        }
      }
    }
  });
  afterAll(() => f?.close());

  const ltree = (node: Created) => node.path.map((id) => id.replace(/-/g, '')).join('.');
  const predicate = (roots: Created[]) => (next: number) => ({
    sql: `n.path <@ any($${next}::ltree[])`,
    params: [roots.map(ltree)],
  });
  const expectedKeys = (roots: Created[], under?: Created) =>
    nodes
      .filter((n) => roots.some((root) => n.path.includes(root.id)))
      .filter((n) => !under || (n.path.includes(under.id) && n.id !== under.id))
      .map((n) => n.key)
      .sort();

  /** Every page of a listing, seven nodes at a time, by the key cursor. */
  const allPages = async (page: (afterKey?: string) => Promise<{ key: string }[]>) => {
    const keys: string[] = [];
    for (let afterKey: string | undefined; ;) {
      const found = await page(afterKey);
      keys.push(...found.slice(0, 7).map((n) => n.key));
      if (found.length <= 7) return keys;
      afterKey = found[6].key;
    }
  };

  it.each([
    ['one measure package', [9]],
    ['two projects in different programs', [3, 19]],
    ['a portfolio and a measure of another', [1, 29]],
    ['the organization', [0]],
  ])('lists the scope of %s alike in both shapes', async (_, indexes) => {
    const roots = indexes.map((i) => nodes[i]);
    const expected = expectedKeys(roots);
    expect(expected.length).toBeGreaterThan(0);
    for (const small of [true, false]) {
      const scope = { predicate: predicate(roots), small };
      const listed = await allPages((afterKey) =>
        rows.list({ scope, includeArchived: false, afterKey, limit: 8 }),
      );
      expect({ small, keys: listed }).toEqual({ small, keys: expected });
      const measures = await rows.list({ scope, level: 'measure', includeArchived: false, limit: 100 });
      expect(measures.map((n) => n.key)).toEqual(expected.filter((key) => key.startsWith('M-')));
      const portfolio = nodes[1];
      const under = await allPages((afterKey) =>
        rows.subtree({ ...portfolio, path: ltree(portfolio) } as never, {
          scope,
          includeArchived: false,
          afterKey,
          limit: 8,
        }),
      );
      expect(under).toEqual(expectedKeys(roots, portfolio));
    }
  });

  it('counts a scope up to the cap, and knows about how large the table is', async () => {
    const size = await rows.scopeSize(predicate([nodes[3]]), 1000);
    expect(size).toEqual({
      nodes: expectedKeys([nodes[3]]).length,
      capped: false,
      table: expect.any(Number),
    });
    expect(size.table).toBeGreaterThanOrEqual(size.nodes);
    expect(await rows.scopeSize(predicate([nodes[0]]), 10)).toEqual({
      nodes: 10,
      capped: true,
      table: expect.any(Number),
    });
    expect(await rows.scopeSize(() => ({ sql: 'false', params: [] }), 10)).toMatchObject({
      nodes: 0,
      capped: false,
    });
  });
});
