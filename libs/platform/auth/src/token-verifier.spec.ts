import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, SignJWT } from 'jose';
import { TokenRejectedError, TokenVerifier } from './token-verifier';

const issuer = 'https://identity.test';
const audience = 'steerco-api';
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

function token(kid: string, claims: Record<string, unknown> = {}, key = privateKey) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject('user-7')
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime('5m')
    .setJti('token-1')
    .sign(key);
}

describe('TokenVerifier with a JWKS URL (rotating keys by kid)', () => {
  let server: Server;
  let jwksUrl: string;

  beforeAll(async () => {
    const jwk = { ...(await exportJWK(publicKey)), kid: 'key-2026-11', alg: 'ES256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const verifier = (refuseDevelopmentKeys = false) =>
    new TokenVerifier({ issuer, audience, jwksUrl, refuseDevelopmentKeys });

  it('accepts a token signed by a published key and returns the principal', async () => {
    await expect(verifier().verify(await token('key-2026-11', { email: 'a@b.c' }))).resolves.toEqual({
      userId: 'user-7',
      tokenId: 'token-1',
      email: 'a@b.c',
      name: undefined,
    });
  });

  it('refuses a token whose kid is not published', async () => {
    await expect(verifier().verify(await token('unknown-kid'))).rejects.toThrow(
      new TokenRejectedError('token signed by an unknown key'),
    );
  });

  it('refuses a published kid with the wrong key material', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    await expect(verifier().verify(await token('key-2026-11', {}, other))).rejects.toBeInstanceOf(
      TokenRejectedError,
    );
  });
});

describe('TokenVerifier with a public key', () => {
  const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const verifier = (refuseDevelopmentKeys: boolean) =>
    new TokenVerifier({ issuer, audience, publicKeyPem: pem, refuseDevelopmentKeys });

  it('accepts development-key tokens in development and refuses them in production', async () => {
    const devToken = await token('dev-ed25519-1');
    await expect(verifier(false).verify(devToken)).resolves.toMatchObject({ userId: 'user-7' });
    await expect(verifier(true).verify(devToken)).rejects.toThrow(
      new TokenRejectedError('development keys are not accepted in production'),
    );
    await expect(verifier(true).verify(await token('key-2026-11'))).resolves.toMatchObject({
      userId: 'user-7',
    });
  });

  it('allows only the algorithm of its key: an RS256 token is refused by an EC key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const rsToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('x')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(rsa);
    await expect(verifier(false).verify(rsToken)).rejects.toThrow(
      new TokenRejectedError('token algorithm not allowed'),
    );
  });

  it('cannot be built without a key source', () => {
    expect(() => new TokenVerifier({ issuer, audience, refuseDevelopmentKeys: true })).toThrow(
      /JWKS URL or a public key/,
    );
  });
});
