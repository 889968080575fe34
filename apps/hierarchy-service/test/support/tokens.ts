import { createSecretKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

export const ISSUER = 'steerco-test';
export const AUDIENCE = 'steerco-api';

/** A key pair of the suite's own: the service under test trusts only its public half. */
export function testKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string, privateKey };
}

export function sign(
  privateKey: KeyObject,
  overrides: { sub?: string; iss?: string; aud?: string; exp?: number; nbf?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', kid: 'test-1' })
    .setSubject(overrides.sub ?? 'user-1')
    .setIssuer(overrides.iss ?? ISSUER)
    .setAudience(overrides.aud ?? AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(overrides.exp ?? now + 600);
  if (overrides.nbf !== undefined) jwt.setNotBefore(overrides.nbf);
  return jwt.sign(privateKey);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens an attacker could present; none may be accepted. */
export async function forgedTokens(
  privateKey: KeyObject,
  publicKeyPem: string,
): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'user-1', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600 };
  const valid = await sign(privateKey);
  const [header, , signature] = valid.split('.');
  const otherKey = generateKeyPairSync('ed25519').privateKey;
  return {
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    'HMAC signed with the public key': await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(createSecretKey(Buffer.from(publicKeyPem))),
    'signed by another key': await sign(otherKey),
    expired: await sign(privateKey, { exp: now - 3600 }),
    'not yet valid': await sign(privateKey, { nbf: now + 3600 }),
    'wrong audience': await sign(privateKey, { aud: 'another-api' }),
    'wrong issuer': await sign(privateKey, { iss: 'https://evil.example' }),
    'tampered payload': `${header}.${b64({ ...claims, sub: 'admin' })}.${signature}`,
    garbage: 'not.a.token',
  };
}
