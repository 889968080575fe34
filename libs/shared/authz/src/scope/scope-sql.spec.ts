import { pathOf } from '../../test/support/tree';
import { ltreeOf } from './path-label';
import type { ScopedSubtree, ScopeFilter } from './scope-filter';
import { OR_LIMIT, scopeFilterToSql } from './scope-sql';

const subtree = (name: 'project' | 'project2' | 'm1'): ScopedSubtree => ({
  nodeId: pathOf(name).at(-1) as string,
  path: pathOf(name),
});
const project = subtree('project');
const project2 = subtree('project2');
const own = { userId: 'alice', fields: ['ownerId', 'deputyId'] };

describe('scopeFilterToSql', () => {
  it('renders none as false', () => {
    expect(scopeFilterToSql({ kind: 'none' }, 'path', 1)).toEqual({ sql: 'false', params: [] });
    expect(scopeFilterToSql({ kind: 'subtrees', subtrees: [] }, 'path', 1)).toEqual({
      sql: 'false',
      params: [],
    });
  });

  it('renders a subtree as <@ its bound ltree path, numbered from the given index', () => {
    expect(scopeFilterToSql({ kind: 'subtrees', subtrees: [project] }, 'n.path', 3)).toEqual({
      sql: '(n.path <@ $3::ltree)',
      params: [ltreeOf(project.path)],
    });
  });

  it('renders a few subtrees as <@ alternatives', () => {
    const filter: ScopeFilter = { kind: 'subtrees', subtrees: [project, project2] };
    expect(scopeFilterToSql(filter, 'n.path', 1)).toEqual({
      sql: '((n.path <@ $1::ltree or n.path <@ $2::ltree))',
      params: [ltreeOf(project.path), ltreeOf(project2.path)],
    });
  });

  it('renders many subtrees as one <@ any(ltree[])', () => {
    const many = Array.from({ length: OR_LIMIT + 1 }, (_, i) => ({
      nodeId: `n${i}`,
      path: [...pathOf('m1'), `n${i}`],
    }));
    expect(scopeFilterToSql({ kind: 'subtrees', subtrees: many }, 'path', 1)).toEqual({
      sql: '(path <@ any($1::ltree[]))',
      params: [many.map((s) => ltreeOf(s.path))],
    });
  });

  it('adds the ownership test on the same table, in snake case', () => {
    const filter: ScopeFilter = { kind: 'subtrees', subtrees: [project, { ...project2, own }] };
    expect(scopeFilterToSql(filter, 'n.path', 1)).toEqual({
      sql: '(n.path <@ $1::ltree or (n.path <@ $2::ltree and (n.owner_id = $3 or n.deputy_id = $4)))',
      params: [ltreeOf(project.path), ltreeOf(project2.path), 'alice', 'alice'],
    });
  });

  it('takes explicit owner columns and positional placeholders', () => {
    const filter: ScopeFilter = { kind: 'subtrees', subtrees: [{ ...project, own }] };
    expect(
      scopeFilterToSql(filter, 'path', 1, {
        ownerColumns: { ownerId: 'm.owner', deputyId: 'm.deputy' },
        placeholders: 'positional',
      }),
    ).toEqual({
      sql: '((path <@ ?::ltree and (m.owner = ? or m.deputy = ?)))',
      params: [ltreeOf(project.path), 'alice', 'alice'],
    });
  });

  it('never puts a value into the SQL text', () => {
    const hostile = "x'); drop table node; --";
    const filter: ScopeFilter = {
      kind: 'subtrees',
      subtrees: [{ nodeId: hostile, path: [hostile], own: { userId: hostile, fields: ['ownerId'] } }],
    };
    const { sql, params } = scopeFilterToSql(filter, 'path', 1);
    expect(sql).toBe('((path <@ $1::ltree and (owner_id = $2)))');
    expect(params).toEqual([hostile.replace(/-/g, ''), hostile]);
  });

  it('refuses column names that are not identifiers, and a bad parameter index', () => {
    const filter: ScopeFilter = { kind: 'subtrees', subtrees: [{ ...project, own }] };
    expect(() => scopeFilterToSql(filter, 'path; drop table x', 1)).toThrow('Not a column reference');
    expect(() => scopeFilterToSql(filter, 'path', 1, { ownerColumns: { ownerId: '1=1 or owner' } })).toThrow(
      'Not a column reference',
    );
    expect(() => scopeFilterToSql(filter, 'path', 0)).toThrow(RangeError);
    expect(() => scopeFilterToSql(filter, 'path', 1.5)).toThrow(RangeError);
    expect(scopeFilterToSql(filter, '"Node"."path"', 1).sql).toContain('"Node".owner_id');
  });
});
