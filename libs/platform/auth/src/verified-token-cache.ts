import type { Principal } from './principal';

interface Entry {
  principal: Principal;
  notBefore: number;
  expiresAt: number;
}

/**
 * Tokens whose signature and claims were verified, remembered until they expire. Bounded: when full, the
 * entry inserted longest ago goes first (a Map iterates in insertion order), so a flood of distinct tokens
 * costs memory up to the bound and no more. Only successful verifications are stored; a rejected token is
 * checked again every time.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly capacity: number,
    private readonly now: () => number,
  ) {}

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const now = this.now();
    if (now >= entry.expiresAt) {
      this.entries.delete(token);
      return undefined;
    }
    return now >= entry.notBefore ? entry.principal : undefined;
  }

  set(token: string, principal: Principal, expiresAt: number, notBefore: number): void {
    if (this.capacity <= 0) return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { principal, expiresAt, notBefore });
  }
}
