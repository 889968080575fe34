import { ltreeOf } from './path-label';
import type { ScopeFilter, ScopedSubtree } from './scope-filter';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export interface ScopeSqlOptions {
  /**
   * The column of each ownership field (`ownerId` → `n.owner_id`). Default: the field in snake_case,
   * on the same table alias as the path column.
   */
  ownerColumns?: Readonly<Record<string, string>>;
  /** `numbered` for node-postgres (`$1`), `positional` for knex / MikroORM query builders (`?`). */
  placeholders?: 'numbered' | 'positional';
}

// Column names are the only text spliced into the SQL, so they must be plain or quoted identifiers.
const IDENTIFIER =
  /^(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+")(?:\.(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+"))*$/;

function assertIdentifier(column: string): string {
  if (!IDENTIFIER.test(column)) throw new Error(`Not a column reference: ${JSON.stringify(column)}.`);
  return column;
}

function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function ownerColumn(field: string, pathColumn: string, options: ScopeSqlOptions): string {
  const explicit = options.ownerColumns?.[field];
  if (explicit) return assertIdentifier(explicit);
  const qualifier = pathColumn.includes('.') ? pathColumn.slice(0, pathColumn.lastIndexOf('.') + 1) : '';
  return assertIdentifier(`${qualifier}${snakeCase(field)}`);
}

/**
 * Up to this many subtrees are tested as `path <@ $1 or path <@ $2 ...`, beyond as `path <@ any($1)`.
 * Both run on the GiST index; the planner estimates each `<@` of the first form separately and so picks
 * the index more reliably for a few large subtrees, while the second keeps many small ones to one bitmap
 * scan and a short statement (measurements in ADR 0007). 24, not the break-even 8 of the first
 * measurements: at 20 subtrees of a 200,000-node tree the array form once tipped into a full scan.
 */
export const OR_LIMIT = 24;

/** Subtrees sharing the same ownership restriction become one subtree test. */
function groupByOwnership(subtrees: readonly ScopedSubtree[]): Map<string, ScopedSubtree[]> {
  const groups = new Map<string, ScopedSubtree[]>();
  for (const subtree of subtrees) {
    const key = subtree.own ? JSON.stringify([subtree.own.userId, subtree.own.fields]) : '';
    groups.set(key, [...(groups.get(key) ?? []), subtree]);
  }
  return groups;
}

/**
 * Renders a scope filter as a parameterised predicate on an ltree `path` column. A subtree test is
 * `path <@ $n::ltree` with the granted node's full path: `<@` is the operator the GiST index on the path
 * answers by key range, unlike an lquery (`path ~ '*.id.*'`), which it can only answer by label signature,
 * many times slower (ADR 0007). Values are always bound; only the validated column names are in the text.
 */
export function scopeFilterToSql(
  filter: ScopeFilter,
  pathColumn: string,
  nextParam: number,
  options: ScopeSqlOptions = {},
): SqlFragment {
  assertIdentifier(pathColumn);
  if (!Number.isInteger(nextParam) || nextParam < 1) {
    throw new RangeError(`nextParam must be a positive integer, not ${nextParam}.`);
  }
  if (filter.kind === 'none' || filter.subtrees.length === 0) return { sql: 'false', params: [] };

  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return options.placeholders === 'positional' ? '?' : `$${nextParam + params.length - 1}`;
  };
  const inSubtrees = (group: readonly ScopedSubtree[]): string => {
    if (group.length > OR_LIMIT) {
      return `${pathColumn} <@ any(${bind(group.map((s) => ltreeOf(s.path)))}::ltree[])`;
    }
    const tests = group.map((s) => `${pathColumn} <@ ${bind(ltreeOf(s.path))}::ltree`);
    return tests.length === 1 ? tests[0] : `(${tests.join(' or ')})`;
  };
  const alternatives = [...groupByOwnership(filter.subtrees).values()].map((group) => {
    const own = group[0].own;
    const scope = inSubtrees(group);
    if (!own) return scope;
    const isOwn = own.fields.map(
      (field) => `${ownerColumn(field, pathColumn, options)} = ${bind(own.userId)}`,
    );
    return `(${scope} and (${isOwn.join(' or ')}))`;
  });
  return { sql: `(${alternatives.join(' or ')})`, params };
}
