import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { FieldError } from '@steerco/platform-errors';
import { NODE_LEVELS, parentLevelOf, type NodeLevel } from '@steerco/hierarchy-domain';
import { createNodeSchema, EDITABLE_FIELDS } from '../nodes/dto/node.dto';
import type { SheetRows } from './import-rows';

export const IMPORT_COLUMNS = ['ref', 'parentRef', 'parentKey', 'level', ...EDITABLE_FIELDS] as const;

/** A parent that already exists in the tree, found by its human key. */
export interface ExistingParent {
  id: string;
  key: string;
  level: NodeLevel;
  path: string;
  archived: boolean;
}

export interface PlannedNode {
  row: number;
  ref: string;
  id: string;
  parent: { kind: 'existing'; node: ExistingParent } | { kind: 'planned'; ref: string } | null;
  input: z.infer<typeof rowSchema>;
}

const rowSchema = createNodeSchema.omit({ parentId: true });

const INPUT_FIELDS: readonly string[] = ['level', ...EDITABLE_FIELDS];
const LEVEL_ORDER = new Map<string, number>(NODE_LEVELS.map((level, index) => [level, index]));

/** Cells are text: empty means absent, tags are separated by semicolons. */
function toInput(cells: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of INPUT_FIELDS) {
    const value = cells[field];
    if (value === undefined || value === '') continue;
    input[field] =
      field === 'tags'
        ? value
            .split(';')
            .map((t) => t.trim())
            .filter(Boolean)
        : value;
  }
  return input;
}

/**
 * Validates a whole file before anything is written: every row's fields, unique refs, a parent for each
 * row (another row's `parentRef` or an existing node's `parentKey`), and the level rule. Returns the nodes
 * to create, parents before children, or every problem found with its row number.
 */
export function planImport(
  { columns, rows }: SheetRows,
  existingParents: Map<string, ExistingParent>,
): { nodes: PlannedNode[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (row: number, column: string, message: string) =>
    errors.push({ field: `rows[${row}].${column}`, message });
  for (const header of new Set(columns)) {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(header))
      errors.push({ field: `columns.${header}`, message: 'unknown column' });
  }
  if (rows.length === 0) errors.push({ field: 'rows', message: 'the file has no rows' });

  const byRef = new Map<string, { row: number; level?: NodeLevel }>();
  for (const { row, cells } of rows) {
    const ref = cells['ref'] ?? '';
    if (!ref) fail(row, 'ref', 'required: a reference unique in the file');
    else if (byRef.has(ref)) fail(row, 'ref', `duplicates row ${byRef.get(ref)?.row}`);
    else
      byRef.set(ref, {
        row,
        level: LEVEL_ORDER.has(cells['level'] ?? '') ? (cells['level'] as NodeLevel) : undefined,
      });
  }

  const nodes: PlannedNode[] = [];
  for (const { row, cells } of rows) {
    const parsed = rowSchema.safeParse(toInput(cells));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fail(row, String(issue.path[0] ?? 'row'), issue.message);
      continue;
    }
    const input = parsed.data;
    const expected = parentLevelOf(input.level);
    const parentRef = cells['parentRef'] ?? '';
    const parentKey = cells['parentKey'] ?? '';
    if (parentRef && parentKey) fail(row, 'parentRef', 'give parentRef or parentKey, not both');
    let parent: PlannedNode['parent'] = null;
    if (expected === null) {
      if (parentRef || parentKey) fail(row, 'parentRef', 'an organization has no parent');
    } else if (parentRef) {
      const target = byRef.get(parentRef);
      if (!target) fail(row, 'parentRef', `no row has ref "${parentRef}"`);
      else if (target.level !== expected)
        fail(
          row,
          'parentRef',
          `must be a ${expected}, row ${target.row} is a ${target.level ?? 'row with an invalid level'}`,
        );
      parent = { kind: 'planned', ref: parentRef };
    } else if (parentKey) {
      const target = existingParents.get(parentKey);
      if (!target) fail(row, 'parentKey', `no node has key ${parentKey}`);
      else if (target.level !== expected)
        fail(row, 'parentKey', `must be a ${expected}, ${parentKey} is a ${target.level}`);
      else if (target.archived) fail(row, 'parentKey', `${parentKey} is archived`);
      else parent = { kind: 'existing', node: target };
    } else {
      fail(
        row,
        'parentRef',
        `required: a ${input.level} needs a parent ${expected} (parentRef or parentKey)`,
      );
    }
    if (input.level !== 'measure') {
      for (const field of ['measureKind', 'customerRef'] as const) {
        if (input[field]) fail(row, field, 'applies to measures only');
      }
    }
    nodes.push({ row, ref: cells['ref'] ?? '', id: uuidv7(), parent, input });
  }
  return { nodes: parentsFirst(nodes), errors };
}

/** The nodes level by level from the top, each level in file order: every parent before its children. */
function parentsFirst(nodes: PlannedNode[]): PlannedNode[] {
  const byLevel: PlannedNode[][] = NODE_LEVELS.map(() => []);
  for (const node of nodes) byLevel[LEVEL_ORDER.get(node.input.level) as number]?.push(node);
  return byLevel.flat();
}
