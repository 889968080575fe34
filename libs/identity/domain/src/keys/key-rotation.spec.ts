import { activeKey, publishedKeys, rotationDue } from './key-rotation';

const day = 86_400_000;
const now = new Date('2026-11-20T00:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const policy = { rotateAfterMs: 30 * day, publishRetiredForMs: day };

describe('signing key rotation', () => {
  const keys = [
    { kid: 'k1', createdAt: ago(90 * day), retiredAt: ago(60 * day) },
    { kid: 'k2', createdAt: ago(40 * day), retiredAt: ago(2 * 3_600_000) },
    { kid: 'k3', createdAt: ago(2 * 3_600_000), retiredAt: null },
  ];

  it('signs with the newest key that is not retired', () => {
    expect(activeKey(keys)?.kid).toBe('k3');
    expect(activeKey([])).toBeUndefined();
  });

  it('rotates when there is no key or the active one is older than the rotation period', () => {
    expect(rotationDue(undefined, now, policy)).toBe(true);
    expect(rotationDue(keys[2], now, policy)).toBe(false);
    expect(rotationDue({ kid: 'old', createdAt: ago(30 * day), retiredAt: null }, now, policy)).toBe(true);
  });

  it('publishes the active key and the previous one while its tokens can still be alive', () => {
    expect(publishedKeys(keys, now, policy).map((k) => k.kid)).toEqual(['k2', 'k3']);
  });
});
