/**
 * A PostgreSQL array literal of `items` (`{"a","b \"c\""}`), every element quoted, so commas, braces and
 * spaces need no further thought; null and undefined become NULL. Bound as text and cast (`$1::uuid[]`),
 * it is the same parameter on every SQL client, whatever the driver does with arrays.
 */
export function arrayLiteral(items: readonly unknown[]): string {
  const elements = items.map((item) =>
    item === null || item === undefined ? 'NULL' : `"${String(item).replace(/["\\]/g, '\\$&')}"`,
  );
  return `{${elements.join(',')}}`;
}
