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
