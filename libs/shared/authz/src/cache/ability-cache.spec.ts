import { asSubject } from '../ability';
import { assign, node } from '../../test/support/tree';
import { AbilityCache } from './ability-cache';

const alice = { userId: 'alice' };

function clockAt(iso: string) {
  let now = new Date(iso);
  const clock = () => now;
  return { clock, set: (next: string) => (now = new Date(next)) };
}

describe('AbilityCache', () => {
  it('builds once per user and version', () => {
    const cache = new AbilityCache();
    const load = jest.fn(() => [assign('alice', 'viewer', 'project')]);
    const first = cache.getOrBuild(alice, 1, load);
    expect(cache.getOrBuild(alice, 1, load)).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
    expect(first.can('view', asSubject('Node', node('m1')), 'overview')).toBe(true);
  });

  it('rebuilds when the assignment-set version changes, replacing the old entry', () => {
    const cache = new AbilityCache();
    cache.getOrBuild(alice, 'v1', () => [assign('alice', 'viewer', 'project')]);
    const next = cache.getOrBuild(alice, 'v2', () => []);
    expect(next.can('view', asSubject('Node', node('m1')), 'overview')).toBe(false);
    expect(cache.peek(alice, 'v1')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('does not confuse version 1 with version "1", nor sessions with and without MFA', () => {
    const cache = new AbilityCache();
    cache.put(alice, 1, []);
    expect(cache.peek(alice, '1')).toBeUndefined();
    cache.put({ userId: 'carol', mfaVerified: true }, 1, [assign('carol', 'controller', 'project')]);
    expect(cache.peek({ userId: 'carol', mfaVerified: false }, 1)).toBeUndefined();
    expect(cache.peek({ userId: 'carol', mfaVerified: true }, 1)).toBeDefined();
  });

  it('invalidates one user only', () => {
    const cache = new AbilityCache();
    cache.put(alice, 1, []);
    cache.put({ userId: 'bob' }, 1, []);
    cache.invalidateUser('alice');
    expect(cache.peek(alice, 1)).toBeUndefined();
    expect(cache.peek({ userId: 'bob' }, 1)).toBeDefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used user beyond its bound', () => {
    const cache = new AbilityCache({ maxEntries: 2 });
    cache.put({ userId: 'a' }, 1, []);
    cache.put({ userId: 'b' }, 1, []);
    cache.peek({ userId: 'a' }, 1);
    cache.put({ userId: 'c' }, 1, []);
    expect(cache.size).toBe(2);
    expect(cache.peek({ userId: 'b' }, 1)).toBeUndefined();
    expect(cache.peek({ userId: 'a' }, 1)).toBeDefined();
    expect(cache.peek({ userId: 'c' }, 1)).toBeDefined();
    expect(() => new AbilityCache({ maxEntries: 0 })).toThrow(RangeError);
  });

  it('lets an entry lapse when one of its assignments expires', () => {
    const time = clockAt('2027-03-15T12:00:00Z');
    const cache = new AbilityCache({ clock: time.clock });
    const assignments = [
      assign('alice', 'viewer', 'project', '2027-03-15T13:00:00Z'),
      assign('alice', 'viewer', 'org'),
    ];
    cache.put(alice, 1, assignments);
    time.set('2027-03-15T12:59:59Z');
    expect(cache.peek(alice, 1)).toBeDefined();
    time.set('2027-03-15T13:00:00Z');
    expect(cache.peek(alice, 1)).toBeUndefined();
    const rebuilt = cache.getOrBuild(alice, 1, () => assignments);
    expect(rebuilt.rules.every((rule) => rule.conditions?.within.length === 1)).toBe(true);
    expect(cache.peek(alice, 1)).toBe(rebuilt);
  });

  it('answers a cached ability in at most 0.1 ms', () => {
    const cache = new AbilityCache();
    const assignments = [
      assign('alice', 'measure-owner', 'program'),
      assign('alice', 'project-manager', 'project'),
      assign('alice', 'controller', 'project2'),
    ];
    for (let i = 0; i < 1000; i += 1) cache.put({ userId: `user-${i}` }, 1, []);
    cache.put(alice, 7, assignments);
    const load = () => assignments;
    const rounds = 20_000;
    const started = performance.now();
    for (let i = 0; i < rounds; i += 1) cache.getOrBuild(alice, 7, load);
    const perCall = (performance.now() - started) / rounds;
    expect(perCall).toBeLessThanOrEqual(0.1);
  });
});
