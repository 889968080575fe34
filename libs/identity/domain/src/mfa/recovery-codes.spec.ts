import { generateRecoveryCodes, looksLikeTotp, normalizeRecoveryCode } from './recovery-codes';

describe('recovery codes', () => {
  it('generates ten distinct codes of two readable groups', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
  });

  it('normalises what a person types', () => {
    expect(normalizeRecoveryCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(normalizeRecoveryCode('ABCDE FGHJK')).toBe('ABCDEFGHJK');
  });

  it('tells TOTP codes from recovery codes', () => {
    expect(looksLikeTotp('123456')).toBe(true);
    expect(looksLikeTotp('123 456')).toBe(true);
    expect(looksLikeTotp('ABCDE-FGHJK')).toBe(false);
  });
});
