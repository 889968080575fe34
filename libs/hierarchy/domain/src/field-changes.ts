/** Field-level before/after of the fields that changed, for the audit record and the updated event. */
export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T)[]) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of fields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[String(field)] = { before: before[field] ?? null, after: after[field] ?? null };
    }
  }
  return changes;
}
