import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('seals so that nothing of the plaintext shows, and opens again', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXPJBSWY3DP', 'mfa:user-1');
    expect(sealed).toMatch(/^aes256gcm\.v1\./);
    expect(sealed).not.toContain('JBSWY3DP');
    expect(box.open(sealed, 'mfa:user-1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
  });

  it('refuses a sealed value moved to another row, or opened with another key', () => {
    const sealed = box.seal('secret', 'mfa:user-1');
    expect(() => box.open(sealed, 'mfa:user-2')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'mfa:user-1')).toThrow();
    expect(() => new SecretBox(undefined).open(sealed, 'mfa:user-1')).toThrow(/IDENTITY_KEY_ENCRYPTION_KEY/);
  });

  it('without a key stores values marked plain, which a keyed box still reads', () => {
    const plain = new SecretBox(undefined).seal('secret', 'k');
    expect(plain.startsWith('plain.')).toBe(true);
    expect(box.open(plain, 'k')).toBe('secret');
  });
});
