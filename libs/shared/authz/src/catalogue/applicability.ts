import type { Atom } from './atoms';
import type { SubjectType } from './subjects';
import { TABS, type Tab } from './tabs';

const ALL_TABS: readonly Tab[] = TABS;

/**
 * The tabs each object type has fields on. A node shows every tab; the objects hanging on a node live on the
 * tab that lists them (a risk on the status tab, a task on milestones-tasks), and system data on settings.
 */
export const SUBJECT_TABS: Readonly<Record<SubjectType, readonly Tab[]>> = {
  Node: ALL_TABS,
  Dependency: ['overview'],
  Risk: ['status'],
  Milestone: ['milestones-tasks'],
  Task: ['milestones-tasks'],
  EffectLine: ['financials-plan', 'financials-actual'],
  Document: ['documents'],
  GateRequest: ['gates-decisions'],
  AuditRecord: ['history-audit'],
  Period: ['settings'],
  User: ['settings'],
  Role: ['settings'],
  RoleAssignment: ['settings'],
};

/**
 * The tabs an atom may be granted on. `view` excludes history-audit because audit is read through its own
 * atom, `view-audit`; `edit` excludes the tabs whose data changes only through a workflow (actuals through
 * `enter-actual`, gate decisions through the gate atoms) or never (audit).
 */
export const ATOM_TABS: Readonly<Record<Atom, readonly Tab[]>> = {
  view: ALL_TABS.filter((tab) => tab !== 'history-audit'),
  edit: ['overview', 'financials-plan', 'status', 'milestones-tasks', 'documents', 'settings'],
  'submit-gate': ['gates-decisions'],
  'approve-gate': ['gates-decisions'],
  'enter-actual': ['financials-actual'],
  'validate-actual': ['financials-actual'],
  'sign-off-closure': ['gates-decisions'],
  'manage-period': ['settings'],
  'reopen-period': ['settings'],
  'view-audit': ['history-audit'],
  export: ALL_TABS,
  'manage-roles': ['settings'],
};

/** The object types an atom means something on; a grant produces rules for these only. */
export const ATOM_SUBJECTS: Readonly<Record<Atom, readonly SubjectType[]>> = {
  view: [
    'Node',
    'Dependency',
    'Risk',
    'Milestone',
    'Task',
    'EffectLine',
    'Document',
    'GateRequest',
    'Period',
    'User',
    'Role',
    'RoleAssignment',
  ],
  edit: ['Node', 'Dependency', 'Risk', 'Milestone', 'Task', 'EffectLine', 'Document', 'User'],
  'submit-gate': ['Node', 'GateRequest'],
  'approve-gate': ['Node', 'GateRequest'],
  'enter-actual': ['Node', 'EffectLine'],
  'validate-actual': ['Node', 'EffectLine'],
  'sign-off-closure': ['Node', 'GateRequest'],
  'manage-period': ['Period'],
  'reopen-period': ['Period'],
  'view-audit': ['Node', 'AuditRecord'],
  export: [
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
  ],
  'manage-roles': ['Role', 'RoleAssignment'],
};

/** The atom that reads a tab: `view`, except the audit tab, which only `view-audit` opens. */
export function readAtomOf(tab: Tab): Atom {
  return tab === 'history-audit' ? 'view-audit' : 'view';
}

/**
 * The atom that writes a tab's fields, or `null` when no field edit may change them: gate decisions are
 * records written by the gate workflow, audit is append-only.
 */
export function writeAtomOf(tab: Tab): Atom | null {
  switch (tab) {
    case 'financials-actual':
      return 'enter-actual';
    case 'gates-decisions':
    case 'history-audit':
      return null;
    default:
      return 'edit';
  }
}
