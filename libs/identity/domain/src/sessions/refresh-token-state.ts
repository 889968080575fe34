/** A stored refresh token, as far as deciding what presenting it means. */
export interface RefreshTokenFacts {
  expiresAt: Date;
  familyExpiresAt: Date;
  /** Set when the token was exchanged for its successor. */
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshVerdict = 'valid' | 'reused' | 'revoked' | 'expired';

/**
 * A refresh token is good for one exchange. Presenting one that was already exchanged means two parties hold
 * it, the legitimate client and a thief, and nobody can tell which one is asking: the whole family (every
 * token descended from the same login) is revoked. `reused` wins over `revoked`, so a reuse after the family
 * was revoked is still recognised and audited as one.
 */
export function judgeRefreshToken(token: RefreshTokenFacts, now: Date): RefreshVerdict {
  if (token.rotatedAt) return 'reused';
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt <= now || token.familyExpiresAt <= now) return 'expired';
  return 'valid';
}
