/**
 * JSON with object keys sorted at every level: the same value always hashes the same, whatever jsonb did.
 * It renders exactly what `JSON.stringify` would store (values with `toJSON`, such as dates, as their JSON
 * form; `undefined` properties left out; `undefined` in arrays as null), so a record hashed before it is
 * stored hashes the same when it is read back from jsonb. Keys are in plain code-unit order (`sort()`
 * without a comparator).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const json = value as { toJSON?: () => unknown };
  if (typeof json.toJSON === 'function') return canonicalJson(json.toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}
