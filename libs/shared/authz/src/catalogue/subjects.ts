/**
 * The object types access is decided on (domain §6: "every object type including audit and system data").
 * `Node` is any node of the work tree, organization to measure. Append new types at the end; a type must
 * also get its tabs in `SUBJECT_TABS` and the atoms that apply to it in `ATOM_SUBJECTS`.
 */
export const SUBJECT_TYPES = [
  'Node',
  'Dependency',
  'Risk',
  'Milestone',
  'Task',
  'EffectLine',
  'Document',
  'GateRequest',
  'AuditRecord',
  'Period',
  'User',
  'Role',
  'RoleAssignment',
] as const;

export type SubjectType = (typeof SUBJECT_TYPES)[number];

export function isSubjectType(value: unknown): value is SubjectType {
  return typeof value === 'string' && (SUBJECT_TYPES as readonly string[]).includes(value);
}
