import { pathOf } from '../../test/support/tree';
import { checkAssignmentSod } from './check-assignment-sod';
import { SodCodes } from './sod-rules';

const held = (userId: string, roleId: string, at: Parameters<typeof pathOf>[0]) => ({
  userId,
  roleId,
  nodePath: pathOf(at),
});

describe('checkAssignmentSod', () => {
  it('passes an assignment without conflicts', () => {
    expect(
      checkAssignmentSod({ ...held('carol', 'controller', 'project'), granterId: 'olga' }, [
        held('carol', 'viewer', 'project'),
        held('alice', 'measure-owner', 'project'),
      ]),
    ).toEqual([]);
  });

  it('refuses a controller role where the user owns measures, above or below', () => {
    for (const at of ['project', 'm1', 'program'] as const) {
      const violations = checkAssignmentSod(
        { ...held('carol', 'controller', 'project'), granterId: 'olga' },
        [held('carol', 'measure-owner', at)],
      );
      expect(violations.map((v) => v.code)).toEqual([SodCodes.CONFLICTING_ROLES]);
    }
  });

  it('works in both directions and explains the conflict', () => {
    const [violation] = checkAssignmentSod({ ...held('carol', 'measure-owner', 'm1'), granterId: 'olga' }, [
      held('carol', 'controller', 'project'),
    ]);
    expect(violation.code).toBe(SodCodes.CONFLICTING_ROLES);
    expect(violation.message).toContain('a controller cannot own a measure they control');
  });

  it('ignores separate subtrees', () => {
    expect(
      checkAssignmentSod({ ...held('carol', 'controller', 'project'), granterId: 'olga' }, [
        held('carol', 'measure-owner', 'project2'),
      ]),
    ).toEqual([]);
  });

  it('refuses self-assignment', () => {
    expect(
      checkAssignmentSod({ ...held('olga', 'viewer', 'project'), granterId: 'olga' }, []).map((v) => v.code),
    ).toEqual([SodCodes.SELF_ASSIGNMENT]);
  });
});
