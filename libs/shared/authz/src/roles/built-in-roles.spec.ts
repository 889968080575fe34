import { ATOM_SUBJECTS, ATOM_TABS, ATOMS, type Atom } from '../catalogue';
import { BUILT_IN_ROLE_IDS, BUILT_IN_ROLES, isBuiltInRoleId } from './built-in-roles';
import { resolveAssignments } from './resolve-assignments';
import type { RoleDefinition } from './role.types';

const roles = Object.values(BUILT_IN_ROLES);
const usable = (role: RoleDefinition, atom: Atom) =>
  role.grants.some((grant) => grant.atom === atom && !grant.delegateOnly);

describe('built-in roles', () => {
  it('are the ten roles of domain §6, keyed by their id', () => {
    expect(BUILT_IN_ROLE_IDS).toEqual([
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
    ]);
    for (const [id, role] of Object.entries(BUILT_IN_ROLES)) {
      expect(role.id).toBe(id);
      expect(role.builtIn).toBe(true);
    }
    expect(new Set(roles.map((role) => role.name.toLowerCase())).size).toBe(roles.length);
  });

  it('require MFA for admins and controllers only', () => {
    const mfa = roles.filter((role) => role.mfaRequired).map((role) => role.id);
    expect(mfa.sort()).toEqual(['controller', 'org-admin', 'pmo-admin']);
  });

  it('time-box externals only', () => {
    expect(roles.filter((role) => role.timeBoxed).map((role) => role.id)).toEqual(['external']);
  });

  it('grant only atoms on tabs and types they apply to', () => {
    for (const role of roles) {
      for (const grant of role.grants) {
        expect(grant.tabs.length).toBeGreaterThan(0);
        for (const tab of grant.tabs) expect(ATOM_TABS[grant.atom]).toContain(tab);
        for (const type of grant.subjects ?? []) expect(ATOM_SUBJECTS[grant.atom]).toContain(type);
      }
    }
  });

  it('let controllers alone validate actuals and sign off closure', () => {
    for (const atom of ['validate-actual', 'sign-off-closure'] as const) {
      expect(roles.filter((role) => usable(role, atom)).map((role) => role.id)).toEqual(['controller']);
    }
  });

  it('let only the admins manage roles and periods, and only the PMO admin reopen one', () => {
    expect(roles.filter((role) => usable(role, 'manage-roles')).map((r) => r.id)).toEqual([
      'org-admin',
      'pmo-admin',
    ]);
    expect(roles.filter((role) => usable(role, 'manage-period')).map((r) => r.id)).toEqual([
      'org-admin',
      'pmo-admin',
    ]);
    expect(roles.filter((role) => usable(role, 'reopen-period')).map((r) => r.id)).toEqual(['pmo-admin']);
  });

  it('give externals no financials and viewers the overview only', () => {
    const tabsOf = (role: RoleDefinition) => role.grants.flatMap((grant) => grant.tabs);
    expect(tabsOf(BUILT_IN_ROLES.external)).not.toContain('financials-plan');
    expect(tabsOf(BUILT_IN_ROLES.external)).not.toContain('financials-actual');
    expect(BUILT_IN_ROLES.viewer.grants).toEqual([{ atom: 'view', tabs: ['overview'] }]);
  });

  it('restrict the measure owner to their own measures for every change', () => {
    const changes = BUILT_IN_ROLES['measure-owner'].grants.filter(
      (grant) => !['view', 'view-audit', 'export'].includes(grant.atom),
    );
    expect(changes.length).toBeGreaterThan(0);
    for (const grant of changes) expect(grant.ownOnly).toBe('owner');
  });

  it('give the org admin every atom, to use or to hand on', () => {
    const atoms = new Set(BUILT_IN_ROLES['org-admin'].grants.map((grant) => grant.atom));
    expect([...atoms].sort()).toEqual([...ATOMS].sort());
  });

  it('recognise built-in ids', () => {
    expect(isBuiltInRoleId('viewer')).toBe(true);
    expect(isBuiltInRoleId('auditor')).toBe(false);
  });
});

describe('resolveAssignments', () => {
  const auditor: RoleDefinition = {
    id: 'role-auditor',
    name: 'Auditor',
    builtIn: false,
    mfaRequired: true,
    timeBoxed: false,
    grants: [{ atom: 'view-audit', tabs: ['history-audit'] }],
  };
  const base = { userId: 'u', nodeId: 'n', nodePath: ['n'] };

  it('attaches built-in and custom definitions and sets aside unknown roles', () => {
    const { resolved, unresolved } = resolveAssignments(
      [
        { ...base, id: 'a1', roleId: 'viewer' },
        { ...base, id: 'a2', roleId: 'role-auditor' },
        { ...base, id: 'a3', roleId: 'role-gone' },
      ],
      [auditor],
    );
    expect(resolved.map((a) => [a.id, a.role.name])).toEqual([
      ['a1', 'Viewer'],
      ['a2', 'Auditor'],
    ]);
    expect(unresolved.map((a) => a.id)).toEqual(['a3']);
  });

  it('never lets a custom role shadow a built-in one', () => {
    const impostor = {
      ...auditor,
      id: 'viewer',
      grants: [{ atom: 'manage-roles' as const, tabs: ['settings' as const] }],
    };
    const { resolved } = resolveAssignments([{ ...base, id: 'a1', roleId: 'viewer' }], [impostor]);
    expect(resolved[0].role).toBe(BUILT_IN_ROLES.viewer);
  });
});
