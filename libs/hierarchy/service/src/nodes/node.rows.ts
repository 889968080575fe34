import { formatNodeKey, type NodeLevel } from '@steerco/hierarchy-domain';
import { assertSchemaName, type SqlClient } from '@steerco/platform-messaging';
import type { GuardStatement } from '@steerco/platform-persistence';
import type { HierarchyNode } from './node.entity';
import { EDITABLE_FIELDS } from './dto/node.dto';

/** A predicate rendered with its placeholders numbered from `nextParam` (the caller's scope filter). */
export type ScopePredicate = (nextParam: number) => { sql: string; params: unknown[] };

/**
 * The caller's scope filter, and whether it is small: then the in-scope rows are found first and sorted,
 * instead of letting the planner walk the whole tree in key order for them (see `page`).
 */
export interface Scope {
  predicate: ScopePredicate;
  small: boolean;
}

/** How many nodes a scope holds (counted up to a cap), and about how many the table holds. */
export interface ScopeSize {
  nodes: number;
  capped: boolean;
  table: number;
}

export interface SubtreeFilter {
  scope?: Scope;
  level?: NodeLevel;
  measureKind?: string;
  businessUnit?: string;
  q?: string;
  includeArchived: boolean;
  afterKey?: string;
  limit: number;
}

export interface NodeListFilter {
  scope?: Scope;
  parentId?: string;
  level?: NodeLevel;
  q?: string;
  includeArchived: boolean;
  afterKey?: string;
  limit: number;
}

/** Every column of a node, in entity property order. */
const NODE_FIELDS = [
  'id',
  'key',
  'level',
  'parentId',
  'path',
  'title',
  'description',
  'ownerId',
  'deputyId',
  'sponsorId',
  'controllerId',
  'businessUnit',
  'function',
  'legalEntity',
  'region',
  'costCentre',
  'measureKind',
  'customerRef',
  'tags',
  'archived',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
] as const satisfies readonly (keyof HierarchyNode)[];

// Fails to compile when the entity gains a property this list does not read.
const everyFieldListed: [Exclude<keyof HierarchyNode, (typeof NODE_FIELDS)[number]>] extends [never]
  ? true
  : never = true;
void everyFieldListed;

type NodeField = (typeof NODE_FIELDS)[number];

/** The column of an entity property: snake case (quoted where used: `function` is a keyword). */
function columnName(field: NodeField): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const COLUMN_NAMES = NODE_FIELDS.map(columnName);

/** Columns of alias `n` under the entity's property names, so a row is a node without any mapping. */
const NODE_SELECT = NODE_FIELDS.map((f, i) => `n."${COLUMN_NAMES[i]}" as "${f}"`).join(', ');

/**
 * Nodes through plain SQL, for the paths where the ORM's identity map costs more than it gives: hot
 * single-row commands and large read-only listings (docs/benchmarks.md). Rows are plain objects of the
 * entity's shape; nothing here is tracked or flushed.
 */
export class NodeRows {
  private readonly table: string;
  private readonly schema: string;

  constructor(
    private readonly sql: SqlClient,
    schema: string,
  ) {
    this.schema = assertSchemaName(schema);
    this.table = `"${this.schema}".node`;
  }

  async findById(id: string): Promise<HierarchyNode | null> {
    const rows = await this.sql.query<HierarchyNode>(
      `select ${NODE_SELECT} from ${this.table} n where n.id = $1`,
      [id],
      { prepare: true },
    );
    return rows[0] ?? null;
  }

  /** Nodes by id, in the order of `ids`. */
  async findByIds(ids: string[]): Promise<HierarchyNode[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.query<HierarchyNode>(
      `select ${NODE_SELECT} from ${this.table} n where n.id = any($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)).filter((n): n is HierarchyNode => n !== undefined);
  }

  /** Descendants (not the node itself), filtered in the database through the GiST-indexed ltree path. */
  subtree(root: HierarchyNode, filter: SubtreeFilter): Promise<HierarchyNode[]> {
    const where = new Conditions();
    where.add('n.path <@ $?::ltree', root.path);
    where.add('n.id <> $?', root.id);
    if (filter.level) where.add('n.level = $?', filter.level);
    if (filter.measureKind) where.add('n.measure_kind = $?', filter.measureKind);
    if (filter.businessUnit) where.add('n.business_unit = $?', filter.businessUnit);
    return this.page(where, filter);
  }

  /** Keyset pagination on the human key, which is unique and stable. */
  list(filter: NodeListFilter): Promise<HierarchyNode[]> {
    const where = new Conditions();
    if (filter.parentId) where.add('n.parent_id = $?', filter.parentId);
    if (filter.level) where.add('n.level = $?', filter.level);
    return this.page(where, filter);
  }

  /**
   * The nodes of `scope`, counted up to `cap`, and the table's size from the planner's statistics (at
   * least the count, for a table never analysed).
   */
  async scopeSize(scope: ScopePredicate, cap: number): Promise<ScopeSize> {
    const where = new Conditions();
    where.addPredicate(scope);
    const capParam = where.param(cap);
    const rows = await this.sql.query<{ nodes: number; table: string }>(
      `select (select count(*)::int from (select 1 from ${this.table} n ${where.sql()} limit ${capParam}) s) as nodes,
              (select greatest(reltuples, 0)::bigint from pg_class where oid = '${this.table}'::regclass) as table`,
      where.params,
    );
    const { nodes, table } = rows[0];
    return { nodes, capped: nodes >= cap, table: Math.max(Number(table), nodes) };
  }

  /**
   * One page in key order. A small scope goes behind a fence (`offset 0`): the planner must find its rows
   * first (a bitmap scan of the path index) and sort them, and cannot pick the plan that walks the key
   * index filtering every node, which it does whenever its estimate of the scope comes out a little high
   * (ltree selectivity comes from a histogram that small subtrees fall between) and which then reads the
   * whole tree for one page: 150 to 200 ms instead of 2 at 200,000 nodes (docs/benchmarks.md). Large
   * scopes are left to the planner: their estimates are sound, and the key walk is their best plan.
   */
  private page(
    where: Conditions,
    filter: {
      scope?: Scope;
      q?: string;
      includeArchived: boolean;
      afterKey?: string;
      limit: number;
    },
  ): Promise<HierarchyNode[]> {
    if (filter.scope) where.addPredicate(filter.scope.predicate);
    if (!filter.includeArchived) where.add('not n.archived');
    if (filter.afterKey) where.add('n.key > $?', filter.afterKey);
    if (filter.q) {
      const q = escapeLike(filter.q);
      where.add("(n.key ilike $? escape '\\' or n.title ilike $? escape '\\')", `${q}%`, `%${q}%`);
    }
    const limit = where.param(filter.limit);
    const rows = filter.scope?.small
      ? `(select * from ${this.table} n ${where.sql()} offset 0) n`
      : `${this.table} n ${where.sql()}`;
    return this.sql.query<HierarchyNode>(
      `select ${NODE_SELECT} from ${rows} order by n.key limit ${limit}`,
      where.params,
    );
  }

  /** Existing nodes by human key, share-locked so they cannot be moved or archived under an import. */
  findByKeysForShare(keys: string[]): Promise<HierarchyNode[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.sql.query<HierarchyNode>(
      `select ${NODE_SELECT} from ${this.table} n where n.key = any($1::text[]) for share`,
      [keys],
    );
  }

  /** `count` fresh keys of a level from its sequence, in one round trip. */
  async nextKeys(level: NodeLevel, count: number): Promise<string[]> {
    const sequence = `"${this.schema}"."node_key_${level.toLowerCase()}"`;
    const rows = await this.sql.query<{ n: string }>(
      `select nextval('${sequence}') as n from generate_series(1, $1::int)`,
      [count],
    );
    return rows.map((row) => formatNodeKey(level, Number(row.n)));
  }

  /** New nodes in bulk, through COPY: the import writes tens of thousands at once. */
  async insertMany(nodes: readonly HierarchyNode[]): Promise<void> {
    if (!this.sql.copyRows) throw new Error('bulk node inserts need a SQL client that speaks COPY');
    await this.sql.copyRows(
      this.table,
      COLUMN_NAMES,
      (function* () {
        for (const node of nodes) yield NODE_FIELDS.map((field) => node[field]);
      })(),
    );
  }

  /**
   * The guard of a node update (UnitOfWork.runGuarded): writes the `changed` editable fields of `node`, its
   * version and update stamp (which the caller has moved on), and returns the id, only while the row is as
   * the caller read it: at version `read.version`, on path `read.path` (a move of an ancestor changes the
   * path alone, and with it the caller's scope) and not archived.
   *
   * One text for every update, whichever fields change (each editable column is set from its parameter or
   * kept, by a flag), so the statement is prepared once per connection; a kept column keeps its stored
   * value as it is (no rewrite of a long description).
   */
  guardedUpdate(
    node: HierarchyNode,
    changed: readonly NodeField[],
    read: { version: number; path: string },
  ): GuardStatement {
    const unknown = changed.filter((field) => !(EDITABLE_FIELDS as readonly string[]).includes(field));
    if (unknown.length > 0) throw new Error(`not editable: ${unknown.join(', ')}`);
    return {
      sql: guardedUpdateSql(this.table),
      params: [
        node.id,
        ...EDITABLE_FIELDS.flatMap((field) => [changed.includes(field), node[field]]),
        ...STAMP_FIELDS.map((field) => node[field]),
        read.version,
        read.path,
      ],
    };
  }
}

/** What every update moves on besides the changed fields. */
const STAMP_FIELDS = ['version', 'updatedAt', 'updatedBy'] as const;

/** The guarded update's text per table, built once: $1 the id, then a flag and a value per editable field. */
const guardedUpdateTexts = new Map<string, string>();

function guardedUpdateSql(table: string): string {
  let text = guardedUpdateTexts.get(table);
  if (!text) {
    let next = 1;
    const param = () => `$${++next}`;
    const assignments = EDITABLE_FIELDS.map((field) => {
      const column = `"${columnName(field)}"`;
      return `${column} = case when ${param()} then ${param()} else ${column} end`;
    });
    for (const field of STAMP_FIELDS) assignments.push(`"${columnName(field)}" = ${param()}`);
    text = `update ${table} set ${assignments.join(', ')}
             where id = $1 and version = ${param()} and path = ${param()}::ltree and not archived
             returning id`;
    guardedUpdateTexts.set(table, text);
  }
  return text;
}

/** A WHERE clause built from conditions whose `$?` placeholders are numbered as they are added. */
class Conditions {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  add(condition: string, ...values: unknown[]): void {
    let next = 0;
    this.parts.push(condition.replace(/\$\?/g, () => this.param(values[next++])));
  }

  addPredicate(render: ScopePredicate): void {
    const fragment = render(this.params.length + 1);
    this.params.push(...fragment.params);
    this.parts.push(fragment.sql);
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  sql(): string {
    return this.parts.length === 0 ? '' : `where ${this.parts.join(' and ')}`;
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
