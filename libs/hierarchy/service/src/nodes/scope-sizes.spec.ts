import { defineAbilityFor } from '@steerco/authz';
import type { ScopeSize } from './node.rows';
import { isSmallScope, ScopeSizes } from './scope-sizes';

const size = (nodes: number, table: number, capped = false): ScopeSize => ({ nodes, capped, table });

describe('isSmallScope', () => {
  it('is small when reading the whole scope costs less than walking the key order for a page', () => {
    // 1,000 of 200,000 nodes: one page of 1,000 would walk about 200,000 rows in key order.
    expect(isSmallScope(size(1_000, 200_000), 1_000)).toBe(true);
    expect(isSmallScope(size(1_000, 200_000), 5)).toBe(true);
    // A program of 5,000: a page of 50 finds its rows after about 2,000 in key order.
    expect(isSmallScope(size(5_000, 200_000), 50)).toBe(false);
    // The whole tree: the key order is the scope's order.
    expect(isSmallScope(size(200_000, 200_000), 1_000)).toBe(false);
    expect(isSmallScope(size(0, 200_000), 50)).toBe(true);
  });

  it('is never small when the count hit its cap', () => {
    expect(isSmallScope(size(10, 1_000_000, true), 1_000)).toBe(false);
  });
});

describe('ScopeSizes', () => {
  const ability = () => defineAbilityFor({ userId: 'u' }, []);

  it('counts once per ability until the time to live runs out', async () => {
    let now = 0;
    const sizes = new ScopeSizes(60_000, () => now);
    const count = jest.fn(async () => size(3, 100));
    const a = ability();
    await sizes.of(a, count);
    await sizes.of(a, count);
    expect(count).toHaveBeenCalledTimes(1);
    await sizes.of(ability(), count);
    expect(count).toHaveBeenCalledTimes(2);
    now = 60_000;
    expect(await sizes.of(a, count)).toEqual(size(3, 100));
    expect(count).toHaveBeenCalledTimes(3);
  });

  it('does not remember a failed count', async () => {
    const sizes = new ScopeSizes();
    const a = ability();
    await expect(sizes.of(a, () => Promise.reject(new Error('connection lost')))).rejects.toThrow(
      'connection lost',
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(await sizes.of(a, async () => size(1, 10))).toEqual(size(1, 10));
  });
});
