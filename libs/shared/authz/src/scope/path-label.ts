/**
 * The hierarchy service stores `node.path` as an ltree of node ids with the dashes removed: PostgreSQL 15's
 * ltree labels allow only letters, digits and underscores (ADR 0002). The same conversion as the service's
 * `pathLabel`, kept here so this library depends on no service.
 */
export function pathLabel(id: string): string {
  return id.replace(/-/g, '');
}

/** The ltree text of a path of node ids, organization first: `aaaa.bbbb.cccc`. */
export function ltreeOf(path: readonly string[]): string {
  return path.map(pathLabel).join('.');
}
