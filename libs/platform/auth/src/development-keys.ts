import { generateKeyPairSync, createPrivateKey, createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { DEV_KEY_ID_PREFIX } from './token-verifier';

/**
 * A development key pair, generated on first use into the user's home (never committed). Until the identity
 * service issues real tokens, local tools sign with it (`npm run dev-token`); production configuration
 * refuses tokens whose key id marks them as development ones.
 */
export function developmentKeyDir(): string {
  return process.env['STEERCO_DEV_KEY_DIR'] ?? join(homedir(), '.config', 'steerco', 'dev-keys');
}

export const DEV_KEY_ID = `${DEV_KEY_ID_PREFIX}ed25519-1`;

export function loadOrCreateDevelopmentKeys(): { publicKeyPem: string; privateKeyPem: string } {
  const dir = developmentKeyDir();
  const privatePath = join(dir, 'private.pem');
  const publicPath = join(dir, 'public.pem');
  if (!existsSync(privatePath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(publicPath, publicKey.export({ type: 'spki', format: 'pem' }));
    chmodSync(privatePath, 0o600);
  }
  const privateKeyPem = readFileSync(privatePath, 'utf8');
  const publicKeyPem = existsSync(publicPath)
    ? readFileSync(publicPath, 'utf8')
    : (createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }) as string);
  return { publicKeyPem, privateKeyPem };
}

export async function signDevelopmentToken(options: {
  subject: string;
  issuer: string;
  audience: string;
  ttlSeconds?: number;
  claims?: Record<string, unknown>;
}): Promise<string> {
  const { privateKeyPem } = loadOrCreateDevelopmentKeys();
  return new SignJWT({ ...options.claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: DEV_KEY_ID, typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(`${options.ttlSeconds ?? 3600}s`)
    .sign(createPrivateKey(privateKeyPem));
}
