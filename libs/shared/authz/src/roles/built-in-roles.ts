import { ATOM_TABS, type Tab } from '../catalogue';
import type { Grant, RoleDefinition } from './role.types';

export const BUILT_IN_ROLE_IDS = [
  'org-admin',
  'pmo-admin',
  'sponsor',
  'program-manager',
  'project-manager',
  'measure-owner',
  'controller',
  'team-member',
  'viewer',
  'external',
] as const;

export type BuiltInRoleId = (typeof BUILT_IN_ROLE_IDS)[number];

/** Every tab `view` opens, settings included (admins). */
const ALL_VIEW_TABS = ATOM_TABS.view;
/** The business tabs: what the people who run measures see (no settings). */
const WORK_TABS: readonly Tab[] = ALL_VIEW_TABS.filter((tab) => tab !== 'settings');
const EDITABLE_WORK_TABS: readonly Tab[] = [
  'overview',
  'financials-plan',
  'status',
  'milestones-tasks',
  'documents',
];

const seeAndTrace: readonly Grant[] = [
  { atom: 'view', tabs: WORK_TABS },
  { atom: 'view-audit', tabs: ['history-audit'] },
  { atom: 'export', tabs: WORK_TABS },
];

/**
 * The default matrix of domain §6, as data. Principles, so a reader can check a line against them:
 * - admins manage access and configuration, and do not act on measures themselves; what they hand on but
 *   may not use is `delegateOnly`;
 * - owners edit their own measures only; controllers alone validate actuals and sign off closure;
 * - viewers see the overview (where the aggregates are), team members their tasks and their measures'
 *   documents, externals what is shared with them, for a limited time, without financials.
 */
export const BUILT_IN_ROLES: Readonly<Record<BuiltInRoleId, RoleDefinition>> = {
  'org-admin': {
    id: 'org-admin',
    name: 'Org admin',
    builtIn: true,
    mfaRequired: true,
    timeBoxed: false,
    grants: [
      { atom: 'view', tabs: ALL_VIEW_TABS },
      { atom: 'view-audit', tabs: ['history-audit'] },
      { atom: 'export', tabs: ATOM_TABS.export },
      { atom: 'edit', tabs: ['overview', 'settings'] },
      { atom: 'manage-roles', tabs: ['settings'] },
      { atom: 'manage-period', tabs: ['settings'] },
      {
        atom: 'edit',
        tabs: ['financials-plan', 'status', 'milestones-tasks', 'documents'],
        delegateOnly: true,
      },
      { atom: 'submit-gate', tabs: ['gates-decisions'], delegateOnly: true },
      { atom: 'approve-gate', tabs: ['gates-decisions'], delegateOnly: true },
      { atom: 'enter-actual', tabs: ['financials-actual'], delegateOnly: true },
      { atom: 'validate-actual', tabs: ['financials-actual'], delegateOnly: true },
      { atom: 'sign-off-closure', tabs: ['gates-decisions'], delegateOnly: true },
      { atom: 'reopen-period', tabs: ['settings'], delegateOnly: true },
    ],
  },
  'pmo-admin': {
    id: 'pmo-admin',
    name: 'PMO admin',
    builtIn: true,
    mfaRequired: true,
    timeBoxed: false,
    grants: [
      { atom: 'view', tabs: ALL_VIEW_TABS },
      { atom: 'view-audit', tabs: ['history-audit'] },
      { atom: 'export', tabs: ATOM_TABS.export },
      { atom: 'edit', tabs: [...EDITABLE_WORK_TABS, 'settings'] },
      { atom: 'submit-gate', tabs: ['gates-decisions'] },
      { atom: 'approve-gate', tabs: ['gates-decisions'] },
      { atom: 'manage-period', tabs: ['settings'] },
      { atom: 'reopen-period', tabs: ['settings'] },
      { atom: 'manage-roles', tabs: ['settings'] },
      // To appoint measure owners, who enter their actuals when the program says so (domain §4).
      { atom: 'enter-actual', tabs: ['financials-actual'], delegateOnly: true },
    ],
  },
  sponsor: {
    id: 'sponsor',
    name: 'Sponsor',
    builtIn: true,
    mfaRequired: false,
    timeBoxed: false,
    grants: [...seeAndTrace, { atom: 'approve-gate', tabs: ['gates-decisions'] }],
  },
  'program-manager': {
    id: 'program-manager',
    name: 'Program manager',
    builtIn: true,
    mfaRequired: false,
    timeBoxed: false,
    grants: [
      ...seeAndTrace,
      { atom: 'edit', tabs: EDITABLE_WORK_TABS },
      { atom: 'submit-gate', tabs: ['gates-decisions'] },
      { atom: 'approve-gate', tabs: ['gates-decisions'] },
    ],
  },
  'project-manager': {
    id: 'project-manager',
    name: 'Project manager',
    builtIn: true,
    mfaRequired: false,
    timeBoxed: false,
    grants: [
      ...seeAndTrace,
      { atom: 'edit', tabs: EDITABLE_WORK_TABS },
      { atom: 'submit-gate', tabs: ['gates-decisions'] },
    ],
  },
  'measure-owner': {
    id: 'measure-owner',
    name: 'Measure owner',
    builtIn: true,
    mfaRequired: false,
    timeBoxed: false,
    grants: [
      ...seeAndTrace,
      { atom: 'edit', tabs: EDITABLE_WORK_TABS, ownOnly: 'owner' },
      { atom: 'submit-gate', tabs: ['gates-decisions'], ownOnly: 'owner' },
      { atom: 'enter-actual', tabs: ['financials-actual'], ownOnly: 'owner' },
    ],
  },
  controller: {
    id: 'controller',
    name: 'Controller',
    builtIn: true,
    mfaRequired: true,
    timeBoxed: false,
    grants: [
      ...seeAndTrace,
      // Periods decide what a controller may still validate; the rest of settings is not theirs.
      { atom: 'view', tabs: ['settings'], subjects: ['Period'] },
      { atom: 'enter-actual', tabs: ['financials-actual'] },
      { atom: 'validate-actual', tabs: ['financials-actual'] },
      { atom: 'approve-gate', tabs: ['gates-decisions'] },
      { atom: 'sign-off-closure', tabs: ['gates-decisions'] },
    ],
  },
  'team-member': {
    id: 'team-member',
    name: 'Team member',
    builtIn: true,
    mfaRequired: false,
    timeBoxed: false,
    grants: [
      { atom: 'view', tabs: ['overview', 'documents'] },
      { atom: 'view', tabs: ['milestones-tasks'], subjects: ['Node', 'Milestone'] },
      { atom: 'view', tabs: ['milestones-tasks'], subjects: ['Task'], ownOnly: 'assignee' },
      { atom: 'edit', tabs: ['milestones-tasks'], subjects: ['Task'], ownOnly: 'assignee' },
    ],
  },
  viewer: {
    id: 'viewer',
    name: 'Viewer',
    builtIn: true,
    mfaRequired: false,
    timeBoxed: false,
    grants: [{ atom: 'view', tabs: ['overview'] }],
  },
  external: {
    id: 'external',
    name: 'External',
    builtIn: true,
    mfaRequired: false,
    timeBoxed: true,
    grants: [{ atom: 'view', tabs: ['overview', 'documents'] }],
  },
};

export function isBuiltInRoleId(value: string): value is BuiltInRoleId {
  return (BUILT_IN_ROLE_IDS as readonly string[]).includes(value);
}
