import { defineErrors } from '@steerco/platform-errors';

export const HierarchyErrors = defineErrors('HIERARCHY', {
  NODE_NOT_FOUND: { status: 404, title: 'Node not found' },
  PARENT_NOT_FOUND: { status: 422, title: 'Parent node not found' },
  LEVEL_RULE_VIOLATED: { status: 422, title: 'A node must sit directly under a node of the level above' },
  NODE_ARCHIVED: { status: 422, title: 'The node is archived' },
  FIELD_NOT_APPLICABLE: { status: 422, title: 'The field does not apply to this level' },
  IMPORT_UNREADABLE: { status: 400, title: 'The import file cannot be read' },
  IMPORT_INVALID: { status: 422, title: 'The import file has invalid rows; nothing was imported' },
  IMPORT_TOO_LARGE: { status: 413, title: 'The import file holds more than one import may' },
  NOT_A_MEASURE: { status: 422, title: 'Only measures can depend on each other' },
  DEPENDENCY_CYCLE: { status: 422, title: 'The dependency would create a cycle' },
  DEPENDENCY_NOT_FOUND: { status: 404, title: 'No such dependency' },
  RISK_NOT_FOUND: { status: 404, title: 'Risk not found' },
  MOVE_UNDER_DESCENDANT: { status: 422, title: 'A node cannot move under its own subtree' },
  ACTIVE_DESCENDANTS: { status: 422, title: 'The node has active descendants' },
  PARENT_ARCHIVED: { status: 422, title: 'The parent is archived' },
});
