import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves out undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('renders what JSON.stringify stores, so a value hashes the same before and after a jsonb round trip', () => {
    const value = { at: new Date('2026-11-26T10:00:00.000Z'), list: [undefined, 'x'], n: 1.5 };
    const stored = JSON.parse(JSON.stringify(value)) as unknown;
    expect(canonicalJson(value)).toBe(canonicalJson(stored));
    expect(canonicalJson(value)).toBe('{"at":"2026-11-26T10:00:00.000Z","list":[null,"x"],"n":1.5}');
  });

  it('orders keys by code unit, array-index keys included', () => {
    expect(canonicalJson({ '9': 'b', '10': 'a', B: 1, a: 2 })).toBe('{"10":"a","9":"b","B":1,"a":2}');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"ey': 'line\nbreak "quoted" é' })).toBe(
      '{"k\\"ey":"line\\nbreak \\"quoted\\" é"}',
    );
  });
});

/** The first, key-by-key definition: every faster path must render exactly this. */
function reference(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const json = value as { toJSON?: () => unknown };
  if (typeof json.toJSON === 'function') return reference(json.toJSON());
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const object = value as Record<string, unknown>;
  const members = Object.keys(object)
    .sort()
    .filter((key) => !['undefined', 'function', 'symbol'].includes(typeof object[key]))
    .map((key) => `${JSON.stringify(key)}:${reference(object[key])}`);
  return `{${members.join(',')}}`;
}

describe('canonicalJson against its key-by-key definition', () => {
  // A small deterministic generator (no dependency): nested values of every kind JSON meets.
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const KEYS = ['after', 'before', 'a', 'B', 'z', '9', '10', '0', 'é', 'k"ey', 'toJSONx', 'title'];
  const SCALARS: unknown[] = [
    '',
    'line\nbreak',
    'quote "q"',
    '😀',
    0,
    -0,
    1.5,
    NaN,
    Infinity,
    true,
    false,
    null,
  ];
  const generate = (depth: number): unknown => {
    const kind = depth > 3 ? 0 : Math.floor(next() * 6);
    if (kind === 0) return pick(SCALARS);
    if (kind === 1) return new Date(Date.UTC(2026, 10, Math.floor(next() * 28) + 1));
    if (kind === 2)
      return Array.from({ length: Math.floor(next() * 4) }, () =>
        next() < 0.1 ? undefined : generate(depth + 1),
      );
    if (kind === 3) return { before: generate(depth + 1), after: generate(depth + 1) };
    if (kind === 4) return { after: generate(depth + 1), before: null };
    const object: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) {
      object[pick(KEYS)] = next() < 0.1 ? pick([undefined, () => 1, Symbol('s')]) : generate(depth + 1);
    }
    return object;
  };

  it('renders 5,000 generated values exactly alike, sorted or not, with array-index keys or not', () => {
    for (let i = 0; i < 5000; i++) {
      const value = generate(0);
      expect({ i, json: canonicalJson(value) }).toEqual({ i, json: reference(value) });
    }
  });

  it('renders top-level oddities as JSON would store them', () => {
    for (const value of [undefined, () => 1, Symbol('s'), 'x', 3, null, [undefined], new Date(0)]) {
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });
});
