import { createAppAbility, defineAbilityFor, type AppRule } from '../ability';
import type { RoleDefinition } from '../roles';
import { assign, pathOf } from '../../test/support/tree';
import { scopeFilterFor } from './scope-filter';

const overviewReader: RoleDefinition = {
  id: 'overview-reader',
  name: 'Overview reader',
  builtIn: false,
  mfaRequired: false,
  timeBoxed: false,
  grants: [{ atom: 'view', tabs: ['overview'] }],
};

describe('scopeFilterFor', () => {
  it('is none without a grant for the action and type', () => {
    const viewer = defineAbilityFor({ userId: 'vic' }, [assign('vic', 'viewer', 'project')]);
    expect(scopeFilterFor(viewer, 'edit', 'Node')).toEqual({ kind: 'none' });
    expect(scopeFilterFor(viewer, 'view', 'Node', 'financials-plan')).toEqual({ kind: 'none' });
    expect(scopeFilterFor(defineAbilityFor({ userId: 'x' }, []), 'view', 'Node')).toEqual({ kind: 'none' });
  });

  it('lists the granted subtrees with their paths', () => {
    const ability = defineAbilityFor({ userId: 'vic' }, [
      assign('vic', 'viewer', 'project'),
      assign('vic', overviewReader, 'project2'),
    ]);
    expect(scopeFilterFor(ability, 'view', 'Node')).toEqual({
      kind: 'subtrees',
      subtrees: [
        { nodeId: pathOf('project').at(-1), path: pathOf('project') },
        { nodeId: pathOf('project2').at(-1), path: pathOf('project2') },
      ],
    });
  });

  it('keeps the outermost subtree when grants nest', () => {
    const ability = defineAbilityFor({ userId: 'pat' }, [
      assign('pat', 'viewer', 'm1'),
      assign('pat', 'project-manager', 'project'),
      assign('pat', 'viewer', 'program'),
    ]);
    expect(scopeFilterFor(ability, 'view', 'Node', 'overview')).toEqual({
      kind: 'subtrees',
      subtrees: [{ nodeId: pathOf('program').at(-1), path: pathOf('program') }],
    });
    expect(scopeFilterFor(ability, 'view', 'Node', 'financials-plan')).toEqual({
      kind: 'subtrees',
      subtrees: [{ nodeId: pathOf('project').at(-1), path: pathOf('project') }],
    });
  });

  it('carries the ownership restriction of own-only grants', () => {
    const owner = defineAbilityFor({ userId: 'alice' }, [assign('alice', 'measure-owner', 'program')]);
    expect(scopeFilterFor(owner, 'edit', 'Node', 'overview')).toEqual({
      kind: 'subtrees',
      subtrees: [
        {
          nodeId: pathOf('program').at(-1),
          path: pathOf('program'),
          own: { userId: 'alice', fields: ['ownerId', 'deputyId'] },
        },
      ],
    });
  });

  it('drops an own-only subtree that an unrestricted grant already covers', () => {
    const ability = defineAbilityFor({ userId: 'alice' }, [
      assign('alice', 'measure-owner', 'project'),
      assign('alice', 'measure-owner', 'project2'),
      assign('alice', 'project-manager', 'program'),
    ]);
    expect(scopeFilterFor(ability, 'edit', 'Node', 'overview')).toEqual({
      kind: 'subtrees',
      subtrees: [{ nodeId: pathOf('program').at(-1), path: pathOf('program') }],
    });
  });

  it('is plain JSON', () => {
    const owner = defineAbilityFor({ userId: 'alice' }, [assign('alice', 'measure-owner', 'program')]);
    const filter = scopeFilterFor(owner, 'edit', 'Node');
    expect(JSON.parse(JSON.stringify(filter))).toEqual(filter);
  });

  it('refuses rules it cannot express instead of leaking', () => {
    const inverted = createAppAbility([
      { action: 'view', subject: 'Node', inverted: true, conditions: { within: [pathOf('org')] } } as AppRule,
    ]);
    expect(() => scopeFilterFor(inverted, 'view', 'Node')).toThrow('inverted');
  });
});
