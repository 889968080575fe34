import { asSubject, defineAbilityFor, type Action, type AppAbility } from '../src/ability';
import type { SubjectType, Tab } from '../src/catalogue';
import { BUILT_IN_ROLE_IDS, type BuiltInRoleId } from '../src/roles';
import { assign, fixedClock, node, onNode, type NodeName } from './support/tree';

/**
 * The expected access of every built-in role, written by hand from domain §6 and the matrix principles in
 * the README, not derived from the rules. Alice holds the role on `project`; she owns m1 (in the project)
 * and m3 (outside it); bob owns m2 (in the project).
 */
interface Probe {
  what: string;
  action: Action;
  type: SubjectType;
  on: NodeName;
  tab: Tab;
  fields?: Record<string, unknown>;
}

const ROLES: readonly BuiltInRoleId[] = [
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
];

const nodeProbe = (what: string, action: Action, on: NodeName, tab: Tab): Probe => ({
  what,
  action,
  type: 'Node',
  on,
  tab,
});

// prettier-ignore
const TABLE: [Probe, [number, number, number, number, number, number, number, number, number, number]][] = [
  //                                                                                   OA PA SP PG PJ MO CT TM VW EX
  [nodeProbe('view overview of her own measure', 'view', 'm1', 'overview'),            [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
  [nodeProbe('view the plan of bob\'s measure', 'view', 'm2', 'financials-plan'),        [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]],
  [nodeProbe('view the actuals of bob\'s measure', 'view', 'm2', 'financials-actual'),   [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]],
  [nodeProbe('view the history of bob\'s measure', 'view-audit', 'm2', 'history-audit'), [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]],
  [nodeProbe('edit the overview of her own measure', 'edit', 'm1', 'overview'),        [1, 1, 0, 1, 1, 1, 0, 0, 0, 0]],
  [nodeProbe('edit the overview of bob\'s measure', 'edit', 'm2', 'overview'),          [1, 1, 0, 1, 1, 0, 0, 0, 0, 0]],
  [nodeProbe('edit the plan of her own measure', 'edit', 'm1', 'financials-plan'),     [0, 1, 0, 1, 1, 1, 0, 0, 0, 0]],
  [nodeProbe('submit a gate of her own measure', 'submit-gate', 'm1', 'gates-decisions'), [0, 1, 0, 1, 1, 1, 0, 0, 0, 0]],
  [{ what: 'approve a gate request of bob\'s measure', action: 'approve-gate', type: 'GateRequest', on: 'm2', tab: 'gates-decisions' },
                                                                                       [0, 1, 1, 1, 0, 0, 1, 0, 0, 0]],
  [{ what: 'enter an actual on her own measure', action: 'enter-actual', type: 'EffectLine', on: 'm1', tab: 'financials-actual' },
                                                                                       [0, 0, 0, 0, 0, 1, 1, 0, 0, 0]],
  [{ what: 'enter an actual on bob\'s measure', action: 'enter-actual', type: 'EffectLine', on: 'm2', tab: 'financials-actual' },
                                                                                       [0, 0, 0, 0, 0, 0, 1, 0, 0, 0]],
  [{ what: 'validate an actual of bob\'s measure', action: 'validate-actual', type: 'EffectLine', on: 'm2', tab: 'financials-actual' },
                                                                                       [0, 0, 0, 0, 0, 0, 1, 0, 0, 0]],
  [nodeProbe('sign off the closure of bob\'s measure', 'sign-off-closure', 'm2', 'gates-decisions'),
                                                                                       [0, 0, 0, 0, 0, 0, 1, 0, 0, 0]],
  [nodeProbe('view her own measure outside the project', 'view', 'm3', 'overview'),    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  [nodeProbe('view the program above the project', 'view', 'program', 'overview'),     [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
  [{ what: 'manage role assignments on bob\'s measure', action: 'manage-roles', type: 'RoleAssignment', on: 'm2', tab: 'settings' },
                                                                                       [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]],
  [nodeProbe('export the plan of bob\'s measure', 'export', 'm2', 'financials-plan'),  [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]],
  [{ what: 'view her task on bob\'s measure', action: 'view', type: 'Task', on: 'm2', tab: 'milestones-tasks', fields: { assigneeId: 'alice' } },
                                                                                       [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]],
  [{ what: 'view someone else\'s task on bob\'s measure', action: 'view', type: 'Task', on: 'm2', tab: 'milestones-tasks', fields: { assigneeId: 'erin' } },
                                                                                       [1, 1, 1, 1, 1, 1, 1, 0, 0, 0]],
  [{ what: 'edit her task on bob\'s measure', action: 'edit', type: 'Task', on: 'm2', tab: 'milestones-tasks', fields: { assigneeId: 'alice' } },
                                                                                       [0, 1, 0, 1, 1, 0, 0, 1, 0, 0]],
  [{ what: 'view a document of bob\'s measure', action: 'view', type: 'Document', on: 'm2', tab: 'documents' },
                                                                                       [1, 1, 1, 1, 1, 1, 1, 1, 0, 1]],
  [nodeProbe('view the settings of the project', 'view', 'project', 'settings'),       [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]],
  [nodeProbe('edit the settings of the project', 'edit', 'project', 'settings'),       [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]],
];

function abilityOf(role: BuiltInRoleId): AppAbility {
  const validUntil = role === 'external' ? '2027-04-01T00:00:00Z' : undefined;
  return defineAbilityFor({ userId: 'alice' }, [assign('alice', role, 'project', validUntil)], undefined, {
    clock: fixedClock,
  });
}

function objectOf(probe: Probe): Record<string, unknown> {
  return probe.type === 'Node' ? node(probe.on) : onNode(probe.on, probe.fields);
}

describe('expected access of the built-in roles (held on a project)', () => {
  it('covers every built-in role', () => {
    expect([...ROLES].sort()).toEqual([...BUILT_IN_ROLE_IDS].sort());
  });

  const cases = TABLE.flatMap(([probe, expected]) =>
    ROLES.map((role, i) => ({ role, probe, expected: expected[i] === 1 })),
  );

  it.each(cases)('$role may $probe.what: $expected', ({ role, probe, expected }) => {
    const ability = abilityOf(role);
    expect(ability.can(probe.action, asSubject(probe.type, objectOf(probe)), probe.tab)).toBe(expected);
  });
});
