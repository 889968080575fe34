import type { AppAbility } from '@steerco/authz';
import type { ScopeSize } from './node.rows';

/** Scopes are counted up to this many nodes; beyond, a scope is large whatever the page. */
export const SCOPE_COUNT_CAP = 50_000;

/**
 * A scope is small when finding all its nodes and sorting them reads fewer rows than walking the key index
 * until a page is full. The walk reads about `page × table / scope` rows when the scope is spread over the
 * key order, so: small when `scope² ≤ page × table`.
 */
export function isSmallScope(size: ScopeSize, page: number): boolean {
  return !size.capped && size.nodes * size.nodes <= page * size.table;
}

/**
 * How large each caller's view scope is, remembered per ability (that is, per user and access version) and
 * counted again after `ttlMs`, as nodes come and go. It only chooses a query shape: a stale size costs
 * speed, never correctness.
 */
export class ScopeSizes {
  private readonly known = new WeakMap<AppAbility, { countedAt: number; size: Promise<ScopeSize> }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  of(ability: AppAbility, count: () => Promise<ScopeSize>): Promise<ScopeSize> {
    const known = this.known.get(ability);
    if (known && this.now() - known.countedAt < this.ttlMs) return known.size;
    const size = count();
    const entry = { countedAt: this.now(), size };
    this.known.set(ability, entry);
    // A failed count is not remembered: the next request counts again.
    size.catch(() => {
      if (this.known.get(ability) === entry) this.known.delete(ability);
    });
    return size;
  }
}
