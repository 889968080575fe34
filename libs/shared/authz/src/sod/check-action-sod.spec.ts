import { checkActionSod } from './check-action-sod';
import { SOD_RULES, SodCodes } from './sod-rules';

const measure = { ownerId: 'alice', deputyId: 'dave', controllerId: 'carol' };
const codes = (action: Parameters<typeof checkActionSod>[0]) => checkActionSod(action).map((v) => v.code);

describe('checkActionSod', () => {
  it('lets an independent approver approve once', () => {
    expect(
      codes({ kind: 'approve-gate', actorId: 'sam', measure, priorApprovals: [{ approverId: 'carol' }] }),
    ).toEqual([]);
  });

  it("never lets the owner or deputy approve their measure's gate", () => {
    for (const actorId of ['alice', 'dave']) {
      expect(codes({ kind: 'approve-gate', actorId, measure, priorApprovals: [] })).toEqual([
        SodCodes.OWNER_APPROVES_OWN_GATE,
      ]);
    }
  });

  it('counts no approval twice for one person', () => {
    expect(
      codes({ kind: 'approve-gate', actorId: 'carol', measure, priorApprovals: [{ approverId: 'carol' }] }),
    ).toEqual([SodCodes.DUPLICATE_APPROVAL]);
  });

  it('treats the closure sign-off as a gate approval', () => {
    expect(codes({ kind: 'sign-off-closure', actorId: 'carol', measure, priorApprovals: [] })).toEqual([]);
    expect(codes({ kind: 'sign-off-closure', actorId: 'alice', measure, priorApprovals: [] })).toEqual([
      SodCodes.OWNER_APPROVES_OWN_GATE,
    ]);
  });

  it("never lets the owner or deputy validate their measure's actuals", () => {
    expect(codes({ kind: 'validate-actual', actorId: 'carol', measure })).toEqual([]);
    expect(codes({ kind: 'validate-actual', actorId: 'dave', measure })).toEqual([
      SodCodes.OWNER_VALIDATES_OWN_ACTUALS,
    ]);
  });

  it('refuses a controller who owns or deputises the measure, whatever the action', () => {
    const conflicted = { ownerId: 'carol', controllerId: 'carol' };
    expect(codes({ kind: 'assign-people', measure: conflicted })).toEqual([SodCodes.CONTROLLER_OWNS_MEASURE]);
    expect(codes({ kind: 'assign-people', measure: { ...measure, deputyId: 'carol' } })).toEqual([
      SodCodes.CONTROLLER_OWNS_MEASURE,
    ]);
    expect(codes({ kind: 'validate-actual', actorId: 'carol', measure: conflicted })).toEqual([
      SodCodes.OWNER_VALIDATES_OWN_ACTUALS,
      SodCodes.CONTROLLER_OWNS_MEASURE,
    ]);
    expect(codes({ kind: 'assign-people', measure: { ownerId: null, controllerId: null } })).toEqual([]);
  });

  it('reports every violation at once, with stable codes and messages', () => {
    const violations = checkActionSod({
      kind: 'approve-gate',
      actorId: 'alice',
      measure: { ownerId: 'alice', controllerId: 'alice' },
      priorApprovals: [{ approverId: 'alice' }],
    });
    expect(violations).toEqual([
      {
        code: 'AUTHZ.SOD_OWNER_APPROVES_OWN_GATE',
        message: 'User alice owns or deputises this measure and cannot approve its gates.',
      },
      {
        code: 'AUTHZ.SOD_DUPLICATE_APPROVAL',
        message: "User alice has already approved this gate request; one person's approval counts once.",
      },
      {
        code: 'AUTHZ.SOD_CONTROLLER_OWNS_MEASURE',
        message: 'User alice cannot be both controller and owner or deputy of the measure.',
      },
    ]);
  });

  it('describes every code as data', () => {
    expect(SOD_RULES.map((rule) => rule.code).sort()).toEqual(Object.values(SodCodes).sort());
  });
});
