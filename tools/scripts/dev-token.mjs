#!/usr/bin/env node
// Prints a signed access token for local tools, beside the identity service's real ones. Services accept it
// only for a user they know (pass the user's id with --sub), and never in production.
// Signs with the development key pair in ~/.config/steerco/dev-keys (or STEERCO_DEV_KEY_DIR), created on first
// use and shared with libs/platform/auth (development-keys.ts), which services use to verify when no
// AUTH_JWKS_URL or AUTH_PUBLIC_KEY is configured. Production configuration refuses these tokens (kid "dev-*").
//   npm run --silent dev-token [-- --sub <user id> --ttl 3600]
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';

const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: 'dev-user' },
    ttl: { type: 'string', default: '3600' },
    iss: { type: 'string', default: process.env.AUTH_ISSUER ?? 'steerco' },
    aud: { type: 'string', default: process.env.AUTH_AUDIENCE ?? 'steerco-api' },
  },
});

const dir = process.env.STEERCO_DEV_KEY_DIR ?? join(homedir(), '.config', 'steerco', 'dev-keys');
const privatePath = join(dir, 'private.pem');
if (!existsSync(privatePath)) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(join(dir, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
}

const token = await new SignJWT({})
  .setProtectedHeader({ alg: 'EdDSA', kid: 'dev-ed25519-1', typ: 'JWT' })
  .setSubject(values.sub)
  .setIssuer(values.iss)
  .setAudience(values.aud)
  .setIssuedAt()
  .setJti(randomUUID())
  .setExpirationTime(`${Number(values.ttl)}s`)
  .sign(createPrivateKey(readFileSync(privatePath, 'utf8')));
process.stdout.write(`${token}\n`);
