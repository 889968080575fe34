import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { KeyStore } from '@steerco/identity-service';
import { TokenVerifier } from '@steerco/platform-auth';
import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { adminFirstLogin, bearer, createActiveUser, login, type TokenPair } from './support/sessions';

/** Access tokens, their keys, and refresh tokens that rotate, are revoked by reuse and by logout. */
describe('tokens (identity service over HTTP)', () => {
  let t: IdentityApp;
  let adminToken: string;
  const email = 'grace@acme.test';
  const password = 'copper meadow 1906 sonata';

  beforeAll(async () => {
    t = await startIdentityApp();
    adminToken = (await adminFirstLogin(t)).tokens.accessToken;
    await createActiveUser(t, adminToken, email, password);
  });
  afterAll(() => t?.close());

  const refresh = (refreshToken: string) =>
    t.call('POST', '/api/identity/auth/refresh', { body: { refreshToken } });
  const session = async () => (await login(t, email, password)).json<TokenPair>();

  it('issues EdDSA access tokens of about ten minutes that the JWKS verifies by kid', async () => {
    const { accessToken, expiresIn } = await session();
    expect(expiresIn).toBe(600);
    const header = decodeProtectedHeader(accessToken);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });

    const jwks = await t.call('GET', '/api/identity/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    const { keys } = jwks.json<{ keys: { kid: string; kty: string; crv: string; d?: string }[] }>();
    expect(keys.map((k) => k.kid)).toContain(header.kid);
    // Only public halves are published.
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
      expect(key).not.toHaveProperty('d');
    }

    const { payload } = await jwtVerify(
      accessToken,
      createRemoteJWKSet(new URL(`${t.baseUrl}/api/identity/.well-known/jwks.json`)),
      { issuer: 'steerco', audience: 'steerco-api' },
    );
    expect(payload).toMatchObject({ email, amr: ['pwd'] });
    expect((payload.exp as number) - (payload.iat as number)).toBe(600);
  });

  it('is accepted by a verifier configured as the other services are (AUTH_JWKS_URL)', async () => {
    const { accessToken } = await session();
    const verifier = new TokenVerifier({
      issuer: 'steerco',
      audience: 'steerco-api',
      jwksUrl: `${t.baseUrl}/api/identity/.well-known/jwks.json`,
      refuseDevelopmentKeys: true,
    });
    await expect(verifier.verify(accessToken)).resolves.toMatchObject({ email });
    const me = await t.call('GET', '/api/identity/me', { headers: bearer(accessToken) });
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ email, status: 'active', mfaEnrolled: false });
  });

  it('keeps the previous key in the JWKS after a rotation, so tokens it signed still verify', async () => {
    const before = await session();
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    // The key store caches its key for a minute; force the next issue to look at the database again.
    const newKid = await t.app.get(KeyStore).rotate();
    const after = await session();
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(newKid);
    const kids = (await t.call('GET', '/api/identity/.well-known/jwks.json')).json<{
      keys: { kid: string }[];
    }>();
    expect(kids.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect((await t.call('GET', '/api/identity/me', { headers: bearer(before.accessToken) })).status).toBe(
      200,
    );
  });

  it('rotates the refresh token on every use', async () => {
    const first = await session();
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    const next = second.json<TokenPair>();
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect((await refresh(next.refreshToken)).status).toBe(200);
  });

  it('revokes the whole family when a rotated refresh token is used again, and audits it', async () => {
    const first = await session();
    const second = (await refresh(first.refreshToken)).json<TokenPair>();
    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.json()).toMatchObject({ code: 'IDENTITY.REFRESH_TOKEN_INVALID' });
    // The thief's copy and the client's current token die together.
    expect((await refresh(second.refreshToken)).status).toBe(401);
    const { rows } = await t.pg.query(
      `select changes from identity.audit_record where action = 'session.refresh-token-reused'`,
    );
    expect(rows).toHaveLength(1);
    // The rotated token and its successor.
    expect(rows[0].changes.tokensRevoked.after).toBe(2);
  });

  it('ends the session at logout: its refresh token no longer works', async () => {
    const tokens = await session();
    const out = await t.call('POST', '/api/identity/auth/logout', {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(out.status).toBe(204);
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    // Logging out an unknown token answers the same.
    expect(
      (await t.call('POST', '/api/identity/auth/logout', { body: { refreshToken: 'nope' } })).status,
    ).toBe(204);
  });

  it('stores refresh tokens only as SHA-256 hashes and signing keys only sealed', async () => {
    const tokens = await session();
    const stored = await t.pg.query('select token_hash from identity.refresh_token');
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(tokens.refreshToken);
    const keys = await t.pg.query('select private_key from identity.signing_key');
    for (const row of keys.rows) {
      expect(row.private_key).toMatch(/^aes256gcm\.v1\./);
      expect(row.private_key).not.toContain('PRIVATE KEY');
    }
  });
});
