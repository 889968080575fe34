/** A signing key's life: it signs while active, then stays published so tokens it signed still verify. */
export interface SigningKeyFacts {
  kid: string;
  createdAt: Date;
  /** When a newer key took over signing; null while this key is the active one. */
  retiredAt: Date | null;
}

export interface KeyRotationPolicy {
  /** How long a key signs before a new one replaces it. */
  rotateAfterMs: number;
  /** How long a retired key stays in the JWKS: at least the longest access-token lifetime plus clock skew. */
  publishRetiredForMs: number;
}

export function activeKey<K extends SigningKeyFacts>(keys: readonly K[]): K | undefined {
  return keys
    .filter((k) => k.retiredAt === null)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
}

export function rotationDue(active: SigningKeyFacts | undefined, now: Date, policy: KeyRotationPolicy) {
  return !active || now.getTime() - active.createdAt.getTime() >= policy.rotateAfterMs;
}

/** The keys the JWKS lists: the active one and those retired recently enough to have live tokens. */
export function publishedKeys<K extends SigningKeyFacts>(
  keys: readonly K[],
  now: Date,
  policy: KeyRotationPolicy,
): K[] {
  return keys.filter(
    (k) => k.retiredAt === null || now.getTime() - k.retiredAt.getTime() < policy.publishRetiredForMs,
  );
}
