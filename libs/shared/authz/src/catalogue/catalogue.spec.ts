import {
  ATOM_SUBJECTS,
  ATOM_TABS,
  ATOMS,
  OWNERSHIP_FIELDS,
  SUBJECT_TABS,
  SUBJECT_TYPES,
  TABS,
  isAtom,
  isSubjectType,
  isTab,
  readAtomOf,
  sortTabs,
  writeAtomOf,
} from './index';

describe('catalogue', () => {
  it('lists the tabs of domain §6, in page order', () => {
    expect(TABS).toEqual([
      'overview',
      'financials-plan',
      'financials-actual',
      'status',
      'milestones-tasks',
      'documents',
      'gates-decisions',
      'history-audit',
      'settings',
    ]);
  });

  it('lists the atoms of domain §6', () => {
    expect([...ATOMS].sort()).toEqual(
      [
        'view',
        'edit',
        'submit-gate',
        'approve-gate',
        'enter-actual',
        'validate-actual',
        'sign-off-closure',
        'manage-period',
        'reopen-period',
        'view-audit',
        'export',
        'manage-roles',
      ].sort(),
    );
  });

  it('has at least the object types the services need', () => {
    for (const type of ['Node', 'Dependency', 'Risk', 'AuditRecord', 'User', 'Role', 'RoleAssignment']) {
      expect(SUBJECT_TYPES).toContain(type);
    }
    for (const type of ['Period', 'Document', 'GateRequest']) expect(SUBJECT_TYPES).toContain(type);
  });

  it('guards values read from outside', () => {
    expect(isTab('status')).toBe(true);
    expect(isTab('Status')).toBe(false);
    expect(isAtom('view')).toBe(true);
    expect(isAtom('delete')).toBe(false);
    expect(isSubjectType('Node')).toBe(true);
    expect(isSubjectType('node')).toBe(false);
    expect(isTab(undefined)).toBe(false);
  });

  it('gives every object type at least one tab, and a node all of them', () => {
    for (const type of SUBJECT_TYPES) expect(SUBJECT_TABS[type].length).toBeGreaterThan(0);
    expect(SUBJECT_TABS.Node).toEqual(TABS);
  });

  it('grants every atom on some tab of some object type it applies to', () => {
    for (const atom of ATOMS) {
      const reachable = ATOM_SUBJECTS[atom].some((type) =>
        ATOM_TABS[atom].some((tab) => SUBJECT_TABS[type].includes(tab)),
      );
      expect({ atom, reachable }).toEqual({ atom, reachable: true });
    }
  });

  it('reads audit only through view-audit and never writes audit or gate decisions by field edits', () => {
    expect(ATOM_TABS.view).not.toContain('history-audit');
    expect(readAtomOf('history-audit')).toBe('view-audit');
    expect(readAtomOf('financials-plan')).toBe('view');
    expect(writeAtomOf('history-audit')).toBeNull();
    expect(writeAtomOf('gates-decisions')).toBeNull();
    expect(writeAtomOf('financials-actual')).toBe('enter-actual');
    expect(writeAtomOf('overview')).toBe('edit');
  });

  it('only names ownership fields of types that hang on a node', () => {
    expect(OWNERSHIP_FIELDS.owner.Node).toEqual(['ownerId', 'deputyId']);
    expect(OWNERSHIP_FIELDS.owner.Role).toBeUndefined();
    expect(OWNERSHIP_FIELDS.assignee.Task).toEqual(['assigneeId']);
  });

  it('sorts tabs into catalogue order without duplicates', () => {
    expect(sortTabs(['settings', 'overview', 'settings'])).toEqual(['overview', 'settings']);
  });
});
