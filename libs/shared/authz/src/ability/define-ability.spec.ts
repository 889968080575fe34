import type { RoleDefinition } from '../roles';
import { assign, fixedClock, ids, node, NOW, onNode, pathOf } from '../../test/support/tree';
import { asSubject } from './as-subject';
import { nodeLookupAncestry } from './ancestry';
import { defineAbilityFor, rulesForAssignments } from './define-ability';

const viewOverview: RoleDefinition = {
  id: 'overview-reader',
  name: 'Overview reader',
  builtIn: false,
  mfaRequired: false,
  timeBoxed: false,
  grants: [{ atom: 'view', tabs: ['overview'] }],
};

const canView = (
  ability: ReturnType<typeof defineAbilityFor>,
  object: Record<string, unknown>,
  tab = 'overview',
) => ability.can('view', asSubject('Node', object), tab);

describe('defineAbilityFor', () => {
  it('denies everything without assignments', () => {
    const ability = defineAbilityFor({ userId: 'alice' }, []);
    expect(ability.rules).toEqual([]);
    expect(canView(ability, node('m1'))).toBe(false);
    expect(ability.can('view', asSubject('Node', node('m1')))).toBe(false);
  });

  it('covers the assigned node and its descendants, not its ancestors or siblings', () => {
    const ability = defineAbilityFor({ userId: 'alice' }, [assign('alice', viewOverview, 'project')]);
    expect(canView(ability, node('project'))).toBe(true);
    expect(canView(ability, node('package'))).toBe(true);
    expect(canView(ability, node('m2'))).toBe(true);
    expect(canView(ability, node('program'))).toBe(false);
    expect(canView(ability, node('org'))).toBe(false);
    expect(canView(ability, node('project2'))).toBe(false);
    expect(canView(ability, node('m3'))).toBe(false);
  });

  it('grants per tab: a grant on overview opens no other tab', () => {
    const ability = defineAbilityFor({ userId: 'alice' }, [assign('alice', viewOverview, 'org')]);
    expect(canView(ability, node('m1'), 'overview')).toBe(true);
    expect(canView(ability, node('m1'), 'financials-plan')).toBe(false);
    expect(ability.can('edit', asSubject('Node', node('m1')), 'overview')).toBe(false);
  });

  it('denies an object whose place in the tree is unknown', () => {
    const ability = defineAbilityFor({ userId: 'alice' }, [assign('alice', viewOverview, 'org')]);
    const { path: _path, ...withoutPath } = node('m1');
    expect(canView(ability, withoutPath)).toBe(false);
    expect(canView(ability, { ...withoutPath, path: 'not-an-array' })).toBe(false);
    expect(canView(ability, { ...withoutPath, path: [] })).toBe(false);
  });

  it('checks the record, not the type: a bare type answers "some rule exists" (CASL semantics)', () => {
    const ability = defineAbilityFor({ userId: 'alice' }, [assign('alice', viewOverview, 'project')]);
    expect(ability.can('view', 'Node')).toBe(true);
    expect(canView(ability, node('m3'))).toBe(false);
  });

  it("ignores other users' assignments and assignments whose path does not end at their node", () => {
    const misplaced = { ...assign('alice', viewOverview, 'project'), nodeId: ids['m3'] };
    const ability = defineAbilityFor({ userId: 'alice' }, [assign('bob', viewOverview, 'org'), misplaced]);
    expect(ability.rules).toEqual([]);
  });

  describe('expiry against the injected clock', () => {
    const at = (validUntil: string) =>
      defineAbilityFor({ userId: 'alice' }, [assign('alice', viewOverview, 'org', validUntil)], undefined, {
        clock: fixedClock,
      });

    it('grants until validUntil', () => {
      expect(canView(at('2027-03-15T12:00:01Z'), node('m1'))).toBe(true);
    });

    it('grants nothing at or after validUntil', () => {
      expect(canView(at(NOW.toISOString()), node('m1'))).toBe(false);
      expect(canView(at('2026-01-01T00:00:00Z'), node('m1'))).toBe(false);
    });

    it('treats an unreadable validUntil as expired', () => {
      expect(canView(at('next tuesday'), node('m1'))).toBe(false);
    });

    it('reads a null validUntil (the events say "no end" so) as no end, for roles that are not time-boxed', () => {
      const open = { ...assign('alice', viewOverview, 'org'), validUntil: null };
      expect(canView(defineAbilityFor({ userId: 'alice' }, [open]), node('m1'))).toBe(true);
      const external = { ...assign('eve', 'external', 'project'), validUntil: null };
      expect(canView(defineAbilityFor({ userId: 'eve' }, [external]), node('m1'))).toBe(false);
    });

    it('uses the real clock by default', () => {
      const past = defineAbilityFor({ userId: 'alice' }, [
        assign('alice', viewOverview, 'org', '2000-01-01T00:00:00Z'),
      ]);
      expect(canView(past, node('m1'))).toBe(false);
    });
  });

  it('gives a time-boxed role nothing without validUntil', () => {
    const forever = defineAbilityFor({ userId: 'eve' }, [assign('eve', 'external', 'project')]);
    expect(canView(forever, node('m1'))).toBe(false);
    const boxed = defineAbilityFor({ userId: 'eve' }, [
      assign('eve', 'external', 'project', '2999-01-01T00:00:00Z'),
    ]);
    expect(canView(boxed, node('m1'))).toBe(true);
  });

  it('drops roles that require MFA when the session has not passed it', () => {
    const assignments = [assign('carol', 'controller', 'project'), assign('carol', 'viewer', 'project')];
    const withoutMfa = defineAbilityFor({ userId: 'carol', mfaVerified: false }, assignments);
    expect(canView(withoutMfa, node('m1'), 'overview')).toBe(true);
    expect(canView(withoutMfa, node('m1'), 'financials-actual')).toBe(false);
    const withMfa = defineAbilityFor({ userId: 'carol', mfaVerified: true }, assignments);
    expect(canView(withMfa, node('m1'), 'financials-actual')).toBe(true);
  });

  describe('own-only grants', () => {
    const owner = defineAbilityFor({ userId: 'alice' }, [assign('alice', 'measure-owner', 'program')]);
    const edit = (object: Record<string, unknown>, type: 'Node' | 'Risk' = 'Node', tab = 'overview') =>
      owner.can('edit', asSubject(type, object), tab);

    it('apply to measures the user owns or deputises', () => {
      expect(edit(node('m1'))).toBe(true);
      expect(edit(node('m3'))).toBe(true);
      expect(edit(node('m2'))).toBe(false);
      const deputy = defineAbilityFor({ userId: 'dave' }, [assign('dave', 'measure-owner', 'program')]);
      expect(deputy.can('edit', asSubject('Node', node('m1')), 'overview')).toBe(true);
    });

    it('apply to objects on an own measure through the node owner fields, not their own owner', () => {
      expect(edit(onNode('m1', { ownerId: 'zoe' }), 'Risk', 'status')).toBe(true);
      expect(edit(onNode('m2', { ownerId: 'alice' }), 'Risk', 'status')).toBe(false);
    });

    it('stay inside the assigned subtree', () => {
      const onProject = defineAbilityFor({ userId: 'alice' }, [assign('alice', 'measure-owner', 'project')]);
      expect(onProject.can('edit', asSubject('Node', node('m1')), 'overview')).toBe(true);
      expect(onProject.can('edit', asSubject('Node', node('m3')), 'overview')).toBe(false);
    });
  });

  it('merges grants that differ only by node, keeping the outermost', () => {
    const assignments = [
      assign('alice', viewOverview, 'project'),
      assign('alice', viewOverview, 'project2'),
      assign('alice', viewOverview, 'm1'),
    ];
    const rules = rulesForAssignments({ userId: 'alice' }, assignments, NOW);
    expect(rules).toHaveLength(2); // Node and Dependency carry overview
    expect(rules[0].conditions?.within).toEqual([pathOf('project'), pathOf('project2')]);
  });

  it('resolves objects that carry only their node id through a lookup ancestry', () => {
    const ancestry = nodeLookupAncestry((nodeId) => (nodeId === ids['m1'] ? pathOf('m1') : undefined));
    const ability = defineAbilityFor(
      { userId: 'alice' },
      [assign('alice', viewOverview, 'project')],
      ancestry,
    );
    expect(ability.can('view', asSubject('Node', { nodeId: ids['m1'] }), 'overview')).toBe(true);
    expect(ability.can('view', asSubject('Node', { nodeId: ids['m3'] }), 'overview')).toBe(false);
    expect(ability.can('view', asSubject('Node', { path: pathOf('m2') }), 'overview')).toBe(true);
  });

  it('lets a delegate-only grant be handed on but not used', () => {
    const admin = defineAbilityFor({ userId: 'olga' }, [assign('olga', 'org-admin', 'org')]);
    const line = asSubject('EffectLine', onNode('m1'));
    expect(admin.can('validate-actual', line, 'financials-actual')).toBe(false);
    expect(admin.can('delegate:validate-actual', line, 'financials-actual')).toBe(true);
  });

  it('does not touch the records it checks', () => {
    const record = node('m1');
    const ability = defineAbilityFor({ userId: 'alice' }, [assign('alice', viewOverview, 'org')]);
    canView(ability, record);
    expect(() => ability.can('view', asSubject('Dependency', record), 'overview')).not.toThrow();
    expect(Object.getOwnPropertyNames(record)).toEqual(Object.keys(node('m1')));
  });
});
