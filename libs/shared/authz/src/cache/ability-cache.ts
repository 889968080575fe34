import {
  defineAbilityFor,
  nextExpiry,
  objectPathAncestry,
  systemClock,
  type Ancestry,
  type AppAbility,
  type Clock,
  type Principal,
} from '../ability';
import type { ResolvedAssignment } from '../roles';

export interface AbilityCacheOptions {
  /** Most users kept; the least recently used goes first. */
  maxEntries?: number;
  clock?: Clock;
  ancestry?: Ancestry;
}

interface Entry {
  /** The assignment-set version and MFA state the ability was built for. */
  variant: string;
  ability: AppAbility;
  /** The first `validUntil` among its assignments: from then on the ability grants too much. */
  expiresAt?: number;
}

/**
 * Abilities per user, keyed by the version of the user's assignment set that the caller passes (a counter
 * or hash the identity service bumps on every change). One entry per user: a new version replaces the old.
 * An entry also lapses when one of its assignments expires, so a cached ability never outlives a grant.
 */
export class AbilityCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly clock: Clock;
  private readonly ancestry: Ancestry;

  constructor(options: AbilityCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError('maxEntries must be a positive integer.');
    }
    this.clock = options.clock ?? systemClock;
    this.ancestry = options.ancestry ?? objectPathAncestry;
  }

  /** The cached ability, or `undefined` when absent, built for another version, or lapsed. */
  peek(principal: Principal, version: string | number): AppAbility | undefined {
    const entry = this.entries.get(principal.userId);
    if (!entry || entry.variant !== variantOf(principal, version)) return undefined;
    if (entry.expiresAt !== undefined && this.clock().getTime() >= entry.expiresAt) {
      this.entries.delete(principal.userId);
      return undefined;
    }
    // Re-inserting moves the entry to the end of the Map's order: the most recently used.
    this.entries.delete(principal.userId);
    this.entries.set(principal.userId, entry);
    return entry.ability;
  }

  /** Builds the ability from `assignments` (loaded for `version`) and caches it. */
  put(
    principal: Principal,
    version: string | number,
    assignments: readonly ResolvedAssignment[],
  ): AppAbility {
    const now = this.clock();
    const ability = defineAbilityFor(principal, assignments, this.ancestry, { clock: () => now });
    this.entries.delete(principal.userId);
    this.entries.set(principal.userId, {
      variant: variantOf(principal, version),
      ability,
      expiresAt: nextExpiry(principal, assignments, now),
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return ability;
  }

  /** The cached ability, or one built from `load()` on a miss (for callers whose assignments are at hand). */
  getOrBuild(
    principal: Principal,
    version: string | number,
    load: () => readonly ResolvedAssignment[],
  ): AppAbility {
    return this.peek(principal, version) ?? this.put(principal, version, load());
  }

  /** Forgets a user's ability: call it when their assignments change and the version cannot tell. */
  invalidateUser(userId: string): void {
    this.entries.delete(userId);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

function variantOf(principal: Principal, version: string | number): string {
  return `${typeof version}:${version}|mfa:${principal.mfaVerified ?? 'vouched'}`;
}
