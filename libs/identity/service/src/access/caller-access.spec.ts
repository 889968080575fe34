import { BUILT_IN_ROLES, defineAbilityFor, type ResolvedAssignment } from '@steerco/authz';
import { managedSubtrees, managesAssignmentsAt, managesUsers, type CallerAccess } from './caller-access';

const ORG = 'o';
const PROGRAM = ['o', 'pf', 'pg'];

function accessWith(
  roleIds: (keyof typeof BUILT_IN_ROLES)[],
  path: string[],
  platformAdmin = false,
): CallerAccess {
  const assignments: ResolvedAssignment[] = roleIds.map((roleId, i) => ({
    id: `a${i}`,
    userId: 'u',
    roleId,
    nodeId: path[path.length - 1],
    nodePath: path,
    role: BUILT_IN_ROLES[roleId],
  }));
  return {
    userId: 'u',
    platformAdmin,
    mfaVerified: true,
    assignmentVersion: 1,
    ability: defineAbilityFor({ userId: 'u' }, assignments),
  };
}

describe('who manages what, read from the ability', () => {
  it('finds the subtrees where a PMO admin manages roles, and nothing for a sponsor', () => {
    expect(managedSubtrees(accessWith(['pmo-admin'], PROGRAM), 'RoleAssignment')).toEqual([PROGRAM]);
    expect(managedSubtrees(accessWith(['sponsor'], [ORG]), 'RoleAssignment')).toEqual([]);
  });

  it('lets role managers and platform admins manage users, nobody else', () => {
    expect(managesUsers(accessWith(['org-admin'], [ORG]))).toBe(true);
    expect(managesUsers(accessWith([], [ORG], true))).toBe(true);
    expect(managesUsers(accessWith(['program-manager', 'controller'], PROGRAM))).toBe(false);
  });

  it('decides assignment management per node: inside the subtree yes, beside or above it no', () => {
    const pmo = accessWith(['pmo-admin'], PROGRAM);
    expect(managesAssignmentsAt(pmo, [...PROGRAM, 'pj'])).toBe(true);
    expect(managesAssignmentsAt(pmo, ['o', 'pf', 'other'])).toBe(false);
    expect(managesAssignmentsAt(pmo, ['o', 'pf'])).toBe(false);
    expect(managesAssignmentsAt(accessWith([], [ORG], true), ['o', 'pf', 'other'])).toBe(true);
  });
});
