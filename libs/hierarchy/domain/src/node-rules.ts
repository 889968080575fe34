import { HierarchyErrors } from './hierarchy.errors';
import { parentLevelOf, type NodeLevel } from './levels';

export interface ParentFacts {
  id: string;
  level: NodeLevel;
  archived: boolean;
}

/** Domain §1: each node has exactly one parent of the level directly above; the organization has none. */
export function assertPlacement(level: NodeLevel, parent: ParentFacts | null): void {
  const expected = parentLevelOf(level);
  if (expected === null && parent) {
    throw HierarchyErrors.LEVEL_RULE_VIOLATED('An organization is a root: it has no parent.', [
      { field: 'body.parentId', message: 'must be absent for an organization' },
    ]);
  }
  if (expected !== null && !parent) {
    throw HierarchyErrors.LEVEL_RULE_VIOLATED(`A ${level} needs a parent ${expected}.`, [
      { field: 'body.parentId', message: `required: the id of a ${expected}` },
    ]);
  }
  if (parent && parent.level !== expected) {
    throw HierarchyErrors.LEVEL_RULE_VIOLATED(
      `A ${level} must sit under a ${expected}, not a ${parent.level}.`,
      [{ field: 'body.parentId', message: `must be a ${expected}` }],
    );
  }
  if (parent?.archived) {
    throw HierarchyErrors.NODE_ARCHIVED('Nothing can be added under an archived node.', [
      { field: 'body.parentId', message: 'parent is archived' },
    ]);
  }
}

/** Measure-only attributes (kind, customer) make no sense on containers. */
export function assertMeasureOnlyFields(
  level: NodeLevel,
  fields: { measureKind?: unknown; customerRef?: unknown },
): void {
  if (level === 'measure') return;
  const offending = (['measureKind', 'customerRef'] as const).filter(
    (f) => fields[f] !== undefined && fields[f] !== null,
  );
  if (offending.length > 0) {
    throw HierarchyErrors.FIELD_NOT_APPLICABLE(
      `${offending.join(' and ')} apply to measures only.`,
      offending.map((f) => ({ field: `body.${f}`, message: 'applies to measures only' })),
    );
  }
}
