import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { TokenRejectedError, TokenVerifier } from './token-verifier';

const issuer = 'https://identity.test';
const audience = 'steerco-api';
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

function tokenFor(subject: string, expiresAtSeconds: number, notBeforeSeconds?: number) {
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
    .setSubject(subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(expiresAtSeconds - 600)
    .setExpirationTime(expiresAtSeconds);
  if (notBeforeSeconds !== undefined) jwt.setNotBefore(notBeforeSeconds);
  return jwt.sign(privateKey);
}

describe('TokenVerifier cache of verified tokens', () => {
  const start = Math.floor(Date.now() / 1000);
  let clock = start * 1000;
  const verifier = (cacheSize?: number) =>
    new TokenVerifier({
      issuer,
      audience,
      publicKeyPem,
      refuseDevelopmentKeys: false,
      clockToleranceSeconds: 0,
      cacheSize,
      now: () => clock,
    });

  beforeEach(() => {
    clock = start * 1000;
  });

  it('answers a repeated token from memory, with the same principal', async () => {
    const v = verifier();
    const token = await tokenFor('user-1', start + 60);
    const first = await v.verify(token);
    const second = await v.verify(token);
    expect(second).toBe(first);
    expect(second.userId).toBe('user-1');
  });

  it('stops answering from memory once the token expires', async () => {
    const v = verifier();
    const token = await tokenFor('user-1', start + 60);
    await v.verify(token);
    clock = (start + 61) * 1000;
    await expect(v.verify(token)).rejects.toThrow(new TokenRejectedError('token expired'));
  });

  it('never remembers a rejected token', async () => {
    const v = verifier();
    const tampered = (await tokenFor('user-1', start + 60)).replace(/\.[^.]+$/, '.AAAA');
    await expect(v.verify(tampered)).rejects.toBeInstanceOf(TokenRejectedError);
    await expect(v.verify(tampered)).rejects.toBeInstanceOf(TokenRejectedError);
  });

  it('keeps at most cacheSize tokens, dropping the oldest first', async () => {
    const v = verifier(2);
    const spy = jest.spyOn(v as unknown as { verifySignature: () => unknown }, 'verifySignature');
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((s) => tokenFor(s, start + 60)));
    for (const t of [a, b, c]) await v.verify(t);
    expect(spy).toHaveBeenCalledTimes(3);
    await v.verify(c);
    await v.verify(b);
    expect(spy).toHaveBeenCalledTimes(3);
    await v.verify(a);
    expect(spy).toHaveBeenCalledTimes(4);
  });

  it('does not serve a cached token before its nbf', async () => {
    const v = verifier();
    const token = await tokenFor('user-1', start + 60, start);
    await v.verify(token);
    clock = (start - 10) * 1000;
    await expect(v.verify(token)).rejects.toBeInstanceOf(TokenRejectedError);
  });
});
