/**
 * JSON with object keys sorted at every level: the same value always hashes the same, whatever jsonb did.
 * It renders exactly what `JSON.stringify` would store (values with `toJSON`, such as dates, as their JSON
 * form; `undefined` properties left out; `undefined` in arrays as null), so a record hashed before it is
 * stored hashes the same when it is read back from jsonb. Keys are in plain code-unit order (`sort()`
 * without a comparator).
 *
 * It is on the hot path of every audit record (a 100,000-node import hashes 100,000), so it lets the
 * native `JSON.stringify` do the rendering wherever that gives the same text: when the value's keys are
 * already in order at every level (builders of audit changes write them so), or after copying it with
 * sorted keys. Only objects with array-index keys ("10" before "9"), which JavaScript always enumerates
 * in numeric order, are rendered key by key.
 */
export function canonicalJson(value: unknown): string {
  if (inCanonicalOrder(value)) return JSON.stringify(value) ?? 'null';
  const sorted = sortedCopy(value);
  return sorted === NOT_COPYABLE ? renderKeyByKey(value) : (JSON.stringify(sorted) ?? 'null');
}

/** Whether `JSON.stringify` already writes every object's keys in code-unit order. */
function inCanonicalOrder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!inCanonicalOrder(value[i])) return false;
    return true;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && keys[i - 1] > keys[i]) return false;
    if (!inCanonicalOrder((value as Record<string, unknown>)[keys[i]])) return false;
  }
  return true;
}

const NOT_COPYABLE = Symbol('not copyable');
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/** `value` with `toJSON` applied and every object's keys inserted in order, or NOT_COPYABLE. */
function sortedCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const json = value as { toJSON?: () => unknown };
  if (typeof json.toJSON === 'function') return sortedCopy(json.toJSON());
  if (Array.isArray(value)) {
    const items: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = sortedCopy(value[i]);
      if (item === NOT_COPYABLE) return NOT_COPYABLE;
      items[i] = item;
    }
    return items;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    // An array-index key would be enumerated before the others, in numeric order, whatever the insertion.
    if (ARRAY_INDEX.test(key) && Number(key) < 4294967295) return NOT_COPYABLE;
    const item = sortedCopy((value as Record<string, unknown>)[key]);
    if (item === NOT_COPYABLE) return NOT_COPYABLE;
    copy[key] = item;
  }
  return copy;
}

function renderKeyByKey(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const json = value as { toJSON?: () => unknown };
  if (typeof json.toJSON === 'function') return renderKeyByKey(json.toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + renderKeyByKey(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${renderKeyByKey(item)}`;
    first = false;
  }
  return `${out}}`;
}
