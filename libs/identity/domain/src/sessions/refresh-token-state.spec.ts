import { judgeRefreshToken } from './refresh-token-state';

describe('judging a presented refresh token', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  const later = new Date('2026-11-21T10:00:00Z');
  const fresh = { expiresAt: later, familyExpiresAt: later, rotatedAt: null, revokedAt: null };

  it('accepts an unused, unexpired, unrevoked token', () => {
    expect(judgeRefreshToken(fresh, now)).toBe('valid');
  });

  it('calls a token presented after its rotation a reuse, even once its family is revoked', () => {
    expect(judgeRefreshToken({ ...fresh, rotatedAt: now }, now)).toBe('reused');
    expect(judgeRefreshToken({ ...fresh, rotatedAt: now, revokedAt: now }, now)).toBe('reused');
  });

  it('refuses revoked and expired tokens, including by the family limit', () => {
    expect(judgeRefreshToken({ ...fresh, revokedAt: now }, now)).toBe('revoked');
    expect(judgeRefreshToken({ ...fresh, expiresAt: now }, now)).toBe('expired');
    expect(judgeRefreshToken({ ...fresh, familyExpiresAt: now }, now)).toBe('expired');
  });
});
