import { asSubject, defineAbilityFor, delegateActionOf, type Action, type AppAbility } from '../ability';
import { ATOMS, SUBJECT_TABS, SUBJECT_TYPES } from '../catalogue';
import { BUILT_IN_ROLE_IDS } from '../roles';
import { assign, node, onNode, type NodeName } from '../../test/support/tree';
import { packAbility, unpackAbility, type PackedAbility } from './pack-ability';

const PLACES: NodeName[] = ['org', 'program', 'project', 'm1', 'm2', 'm3'];
const ACTIONS: Action[] = [...ATOMS, ...ATOMS.map(delegateActionOf)];

/** Every action × type × tab × place, on records owned by and assigned to alice or someone else. */
function answers(ability: AppAbility): boolean[] {
  const result: boolean[] = [];
  for (const type of SUBJECT_TYPES) {
    for (const place of PLACES) {
      for (const who of ['alice', 'zoe']) {
        const record =
          type === 'Node'
            ? { ...node(place), ownerId: who }
            : onNode(place, { nodeOwnerId: who, assigneeId: who });
        const subject = asSubject(type, record);
        for (const action of ACTIONS) {
          for (const tab of SUBJECT_TABS[type]) result.push(ability.can(action, subject, tab));
        }
      }
    }
  }
  return result;
}

describe('packAbility / unpackAbility', () => {
  it.each(BUILT_IN_ROLE_IDS)('round-trips %s through JSON and answers exactly as the original', (role) => {
    const original = defineAbilityFor({ userId: 'alice' }, [
      assign('alice', role, 'project', '2999-01-01T00:00:00Z'),
      assign('alice', 'viewer', 'm3'),
    ]);
    const packed = JSON.parse(JSON.stringify(packAbility(original))) as PackedAbility;
    const unpacked = unpackAbility(packed);
    const expected = answers(original);
    expect(expected.some(Boolean)).toBe(true);
    expect(answers(unpacked)).toEqual(expected);
  });

  it('is compact: arrays of strings, no field names', () => {
    const packed = packAbility(defineAbilityFor({ userId: 'vic' }, [assign('vic', 'viewer', 'project')]));
    expect(packed[0].slice(0, 2)).toEqual(['view', 'Node']);
    expect(packed[0][4]).toBe('overview');
  });

  it('drops rules a newer server may send with actions or types this version does not know', () => {
    const packed = [
      ['view', 'Node', { within: [node('project')['path']] }, 0, 'overview'],
      ['purge', 'Node', { within: [node('project')['path']] }, 0, 'overview'],
      ['view', 'Invoice', { within: [node('project')['path']] }, 0, 'overview'],
    ] as PackedAbility;
    expect(unpackAbility(packed).rules.map((rule) => [rule.action, rule.subject])).toEqual([
      [['view'], ['Node']],
    ]);
  });

  it('denies what tampered conditions would allow', () => {
    const packed = [['view', 'Node', { $where: 'true' }, 0, 'overview']] as unknown as PackedAbility;
    expect(unpackAbility(packed).can('view', asSubject('Node', node('m1')), 'overview')).toBe(false);
    const unscoped = [['view', 'Node', 0, 0, 'overview']] as unknown as PackedAbility;
    expect(unpackAbility(unscoped).can('view', asSubject('Node', node('m1')), 'overview')).toBe(false);
  });
});
