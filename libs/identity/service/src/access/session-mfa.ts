import { decodeJwt } from 'jose';

/**
 * Whether the bearer token of this request was issued after a second factor (RFC 8176 `amr` has `mfa`). The
 * guard has already verified the token; this only reads a claim the platform's Principal does not carry.
 */
export function sessionPassedMfa(authorization: string | undefined): boolean {
  const token = authorization?.trim().replace(/^Bearer\s+/i, '');
  if (!token) return false;
  try {
    const { amr } = decodeJwt(token);
    return Array.isArray(amr) && amr.includes('mfa');
  } catch {
    return false;
  }
}
