import { defineAbilityFor } from '../ability';
import { BUILT_IN_ROLES, BUILT_IN_ROLE_IDS, type RoleDefinition } from '../roles';
import { assign, pathOf } from '../../test/support/tree';
import { canGrant, grantShortfall } from './can-grant';

const orgAdmin = defineAbilityFor({ userId: 'olga' }, [assign('olga', 'org-admin', 'org')]);
const pmoOnProgram = defineAbilityFor({ userId: 'pia' }, [assign('pia', 'pmo-admin', 'program')]);

const custom = (grants: RoleDefinition['grants']): RoleDefinition => ({
  id: 'role-x',
  name: 'X',
  builtIn: false,
  mfaRequired: false,
  timeBoxed: false,
  grants,
});

describe('canGrant', () => {
  it('lets the org admin assign every built-in role anywhere in the organization', () => {
    for (const id of BUILT_IN_ROLE_IDS) {
      expect({ id, ok: canGrant(orgAdmin, BUILT_IN_ROLES[id], pathOf('m1')) }).toEqual({ id, ok: true });
    }
  });

  it('lets a PMO admin assign the roles within their reach, not controllers, and only under their node', () => {
    const at = pathOf('project');
    const grantable = BUILT_IN_ROLE_IDS.filter((id) => canGrant(pmoOnProgram, BUILT_IN_ROLES[id], at));
    expect(grantable).toEqual([
      'pmo-admin',
      'sponsor',
      'program-manager',
      'project-manager',
      'measure-owner',
      'team-member',
      'viewer',
      'external',
    ]);
    expect(canGrant(pmoOnProgram, BUILT_IN_ROLES.viewer, pathOf('portfolio'))).toBe(false);
  });

  it('names what the granter lacks', () => {
    expect(grantShortfall(pmoOnProgram, BUILT_IN_ROLES.controller, pathOf('project'))).toEqual([
      { atom: 'validate-actual', subject: 'Node', tab: 'financials-actual' },
      { atom: 'validate-actual', subject: 'EffectLine', tab: 'financials-actual' },
      { atom: 'sign-off-closure', subject: 'Node', tab: 'gates-decisions' },
      { atom: 'sign-off-closure', subject: 'GateRequest', tab: 'gates-decisions' },
    ]);
  });

  it('needs manage-roles: holding everything else is not enough', () => {
    const pm = defineAbilityFor({ userId: 'pat' }, [assign('pat', 'program-manager', 'program')]);
    expect(grantShortfall(pm, BUILT_IN_ROLES.viewer, pathOf('project'))).toEqual([]);
    expect(canGrant(pm, BUILT_IN_ROLES.viewer, pathOf('project'))).toBe(false);
  });

  it("does not count own-only holdings: the grantee's measures are not the granter's", () => {
    const ownerAdmin = custom([
      { atom: 'manage-roles', tabs: ['settings'] },
      { atom: 'edit', tabs: ['overview'], ownOnly: 'owner' },
    ]);
    const granter = defineAbilityFor({ userId: 'gil' }, [assign('gil', ownerAdmin, 'program')]);
    expect(
      canGrant(granter, custom([{ atom: 'edit', tabs: ['overview'], ownOnly: 'owner' }]), pathOf('m1')),
    ).toBe(false);
  });

  it('checks composing against Role, assigning against RoleAssignment', () => {
    const assignsOnly = custom([
      { atom: 'manage-roles', tabs: ['settings'], subjects: ['RoleAssignment'] },
      { atom: 'view', tabs: ['overview'] },
    ]);
    const granter = defineAbilityFor({ userId: 'gil' }, [assign('gil', assignsOnly, 'org')]);
    const viewerLike = custom([{ atom: 'view', tabs: ['overview'] }]);
    expect(canGrant(granter, viewerLike, pathOf('org'), 'assign')).toBe(true);
    expect(canGrant(granter, viewerLike, pathOf('org'), 'compose')).toBe(false);
    expect(canGrant(orgAdmin, viewerLike, pathOf('org'), 'compose')).toBe(true);
  });

  it('refuses an empty node path', () => {
    expect(canGrant(orgAdmin, BUILT_IN_ROLES.viewer, [])).toBe(false);
  });
});
