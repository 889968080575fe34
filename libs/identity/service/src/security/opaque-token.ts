import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens and tickets are 256 random bits handed to the client; the database keeps only their SHA-256.
 * A fast hash suffices (unlike passwords, there is nothing to guess), and a stolen table is useless.
 */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashOpaqueToken(token) };
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** What the database keeps of an opaque token. */
export const hashOpaqueToken = sha256Hex;
