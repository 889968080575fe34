import { pathOf } from '../../test/support/tree';
import type { AppRule } from './create-ability';
import { createAppAbility } from './create-ability';
import { asSubject } from './as-subject';

const m1 = { path: pathOf('m1'), ownerId: 'alice' };

function canViewWith(conditions: unknown): boolean {
  const rule = { action: 'view', subject: 'Node', fields: ['overview'], conditions } as AppRule;
  return createAppAbility([rule]).can('view', asSubject('Node', m1), 'overview');
}

describe('createAppAbility conditions', () => {
  it('matches a well-formed scope', () => {
    expect(canViewWith({ within: [pathOf('project')] })).toBe(true);
    expect(canViewWith({ within: [pathOf('project')], own: { userId: 'alice', fields: ['ownerId'] } })).toBe(
      true,
    );
    expect(canViewWith({ within: [pathOf('project')], own: { userId: 'bob', fields: ['ownerId'] } })).toBe(
      false,
    );
  });

  it.each([
    ['a MongoDB query', { ownerId: 'alice' }],
    ['an operator beside the scope', { within: [pathOf('project')], $where: 'true' }],
    ['a scope that is not a list of paths', { within: pathOf('project') }],
    ['an empty path', { within: [[]] }],
    ['an ownership without fields', { within: [pathOf('project')], own: { userId: 'alice', fields: [] } }],
    ['an ownership without user', { within: [pathOf('project')], own: { userId: '', fields: ['ownerId'] } }],
    ['no conditions at all (CASL would read that as everywhere)', undefined],
    ['null', null],
  ])('matches nothing for %s', (_label, conditions) => {
    expect(canViewWith(conditions)).toBe(false);
  });

  it('matches tabs exactly, without CASL wildcard patterns', () => {
    const rule = {
      action: 'view',
      subject: 'Node',
      fields: ['financials-*'],
      conditions: { within: [pathOf('org')] },
    };
    const ability = createAppAbility([rule as AppRule]);
    expect(ability.can('view', asSubject('Node', m1), 'financials-plan')).toBe(false);
  });
});
