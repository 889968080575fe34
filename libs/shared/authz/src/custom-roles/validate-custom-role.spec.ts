import type { RoleDefinition } from '../roles';
import { RoleValidationCodes as Codes } from './role-violation';
import { validateCustomRole, type CustomRoleInput } from './validate-custom-role';

const auditor: CustomRoleInput = {
  id: 'role-auditor',
  name: 'Auditor',
  mfaRequired: true,
  grants: [
    { atom: 'view', tabs: ['overview', 'financials-plan', 'financials-actual'] },
    { atom: 'view-audit', tabs: ['history-audit'] },
    { atom: 'export', tabs: ['history-audit'] },
  ],
};

const codes = (role: CustomRoleInput, existing: RoleDefinition[] = []) =>
  validateCustomRole(role, existing).map((v) => [v.code, v.field]);

describe('validateCustomRole', () => {
  it('accepts a role composed of known atoms on their tabs', () => {
    expect(validateCustomRole(auditor)).toEqual([]);
  });

  it('refuses a missing name and a name taken by a built-in or another custom role, in any case', () => {
    expect(codes({ ...auditor, name: '  ' })).toEqual([[Codes.NAME_REQUIRED, 'name']]);
    expect(codes({ ...auditor, name: 'controller' })).toEqual([[Codes.NAME_TAKEN, 'name']]);
    const existing = {
      ...auditor,
      id: 'role-other',
      builtIn: false,
      timeBoxed: false,
      mfaRequired: false,
    } as RoleDefinition;
    expect(codes({ ...auditor, name: ' auditor ' }, [existing])).toEqual([[Codes.NAME_TAKEN, 'name']]);
  });

  it('lets a role keep its own name when it is edited', () => {
    const self = { ...auditor, builtIn: false, timeBoxed: false, mfaRequired: true } as RoleDefinition;
    expect(validateCustomRole(auditor, [self])).toEqual([]);
  });

  it('refuses a built-in id', () => {
    expect(codes({ ...auditor, id: 'viewer' })).toEqual([[Codes.ID_RESERVED, 'id']]);
  });

  it('refuses a role without grants', () => {
    expect(codes({ ...auditor, grants: [] })).toEqual([[Codes.NO_GRANTS, 'grants']]);
  });

  it('reports every bad grant at once, with where it is', () => {
    const role: CustomRoleInput = {
      ...auditor,
      grants: [
        { atom: 'delete', tabs: ['overview'] },
        { atom: 'view', tabs: ['overview', 'finance'] },
        { atom: 'view', tabs: ['history-audit'] },
        { atom: 'validate-actual', tabs: ['overview'] },
        { atom: 'edit', tabs: [] },
        { atom: 'manage-roles', tabs: ['settings'], subjects: ['Node'] },
        { atom: 'edit', tabs: ['overview'], ownOnly: 'mine' },
        { atom: 'edit', tabs: ['overview'], delegateOnly: 'yes' },
        'not a grant',
      ],
    };
    expect(codes(role)).toEqual([
      [Codes.UNKNOWN_ATOM, 'grants.0.atom'],
      [Codes.UNKNOWN_TAB, 'grants.1.tabs.1'],
      [Codes.TAB_NOT_APPLICABLE, 'grants.2.tabs.0'],
      [Codes.TAB_NOT_APPLICABLE, 'grants.3.tabs.0'],
      [Codes.UNKNOWN_TAB, 'grants.4.tabs'],
      [Codes.UNKNOWN_SUBJECT, 'grants.5.subjects.0'],
      [Codes.UNKNOWN_OWNERSHIP, 'grants.6.ownOnly'],
      [Codes.INVALID_FLAG, 'grants.7.delegateOnly'],
      [Codes.UNKNOWN_ATOM, 'grants.8.atom'],
    ]);
  });

  it('refuses a grant that could never grant anything', () => {
    // Roles cannot be owned, so an own-only manage-roles grant reaches nothing.
    const role = { ...auditor, grants: [{ atom: 'manage-roles', tabs: ['settings'], ownOnly: 'owner' }] };
    expect(codes(role)).toEqual([[Codes.GRANTS_NOTHING, 'grants.0']]);
  });

  it('refuses flags that are not booleans', () => {
    const role = { ...auditor, mfaRequired: 'yes' } as unknown as CustomRoleInput;
    expect(codes(role)).toEqual([[Codes.INVALID_FLAG, 'mfaRequired']]);
  });

  it('gives every violation a human message', () => {
    const [violation] = validateCustomRole({
      ...auditor,
      grants: [{ atom: 'view', tabs: ['history-audit'] }],
    });
    expect(violation.message).toBe(
      'view cannot be granted on history-audit (only overview, financials-plan, financials-actual, status, ' +
        'milestones-tasks, documents, gates-decisions, settings).',
    );
  });
});
