import { defineAbilityFor, type AppAbility } from '../ability';
import { BUILT_IN_ROLE_IDS, type BuiltInRoleId } from '../roles';
import { assign, fixedClock, node, NODE_NAMES, onNode, type NodeName } from '../../test/support/tree';
import { filterFields } from './field-access';
import { filterFieldsOfPage } from './page-field-access';

const NODES = NODE_NAMES;
const PEOPLE = ['alice', 'bob', 'carol', 'dave'];

const abilityOf = (userId: string, ...grants: [BuiltInRoleId, NodeName][]): AppAbility =>
  defineAbilityFor(
    { userId },
    grants.map(([role, at]) => assign(userId, role, at, '2999-01-01T00:00:00Z')),
    undefined,
    { clock: fixedClock },
  );

/** Nodes with every field the specs know, plus one of no tab, which no caller may see. */
const page = NODES.map((name) => ({
  ...node(name),
  description: `About ${name}`,
  costCentre: 'CC-1',
  secret: 'x',
}));

describe('filterFieldsOfPage', () => {
  // The page answer must be filterFields object by object, for every caller: single roles on every node,
  // the same roles on several nodes (the shortcut), and mixes of roles and places (no shortcut).
  const callers: [string, AppAbility][] = [];
  for (const role of BUILT_IN_ROLE_IDS) {
    for (const at of ['org', 'project', 'package2'] as const) {
      for (const user of PEOPLE) callers.push([`${user}: ${role} on ${at}`, abilityOf(user, [role, at])]);
    }
    callers.push([
      `alice: ${role} on project and project2`,
      abilityOf('alice', [role, 'project'], [role, 'project2']),
    ]);
  }
  callers.push(
    [
      'carol: controller and viewer on project',
      abilityOf('carol', ['controller', 'project'], ['viewer', 'project']),
    ],
    [
      'alice: viewer on org, measure-owner on project',
      abilityOf('alice', ['viewer', 'org'], ['measure-owner', 'project']),
    ],
    [
      'bob: external on package, viewer on project2',
      abilityOf('bob', ['external', 'package'], ['viewer', 'project2']),
    ],
    ['nobody', abilityOf('nobody')],
  );

  it.each(callers)('answers as filterFields does, object by object (%s)', (_, ability) => {
    for (const type of ['Node', 'EffectLine', 'AuditRecord'] as const) {
      const objects =
        type === 'Node' ? page : NODES.map((name) => onNode(name, { plan: '1.00', actual: '2.00' }));
      for (const action of ['view', 'edit'] as const) {
        expect(filterFieldsOfPage(ability, action, type, objects)).toEqual(
          objects.map((object) => filterFields(ability, action, type, object)),
        );
      }
    }
  });

  it('hands back an object showing every field as it is, and copies one it cuts', () => {
    const viewer = abilityOf('vic', ['viewer', 'project'], ['viewer', 'project2']);
    const complete = { ...node('m1'), description: 'd' };
    const [asIs, cut, outside] = filterFieldsOfPage(viewer, 'view', 'Node', [complete, page[5], page[0]]);
    expect(asIs).toBe(complete);
    expect(cut).not.toHaveProperty('secret');
    expect(cut).toHaveProperty('description', 'About m1');
    expect(outside).toEqual({});
  });

  it('checks each object of a mixed page against its own fields', () => {
    const viewer = abilityOf('vic', ['viewer', 'org']);
    const plain = node('m1');
    const extra = { ...node('m2'), secret: 'x' };
    expect(filterFieldsOfPage(viewer, 'view', 'Node', [plain, extra, plain])).toEqual([
      plain,
      node('m2'),
      plain,
    ]);
  });
});
