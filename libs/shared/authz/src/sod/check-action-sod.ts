import { SodCodes, type SodViolation } from './sod-rules';

/** The people of a measure, as they are (or, for an edit, as they would be after it). */
export interface MeasurePeople {
  ownerId?: string | null;
  deputyId?: string | null;
  controllerId?: string | null;
}

export interface PriorApproval {
  approverId: string;
}

export type SodAction =
  /** Approving a step of a gate request; `priorApprovals` are the request's approvals so far. */
  | {
      kind: 'approve-gate';
      actorId: string;
      measure: MeasurePeople;
      priorApprovals: readonly PriorApproval[];
    }
  /** The controller's L5 sign-off: an approval of the closure gate. */
  | {
      kind: 'sign-off-closure';
      actorId: string;
      measure: MeasurePeople;
      priorApprovals: readonly PriorApproval[];
    }
  | { kind: 'validate-actual'; actorId: string; measure: MeasurePeople }
  /** Any change of the measure's owner, deputy or controller: `measure` is the state after the change. */
  | { kind: 'assign-people'; measure: MeasurePeople };

function isOwnerOrDeputy(userId: string | null | undefined, measure: MeasurePeople): boolean {
  return !!userId && (userId === measure.ownerId || userId === measure.deputyId);
}

function controllerOwns(measure: MeasurePeople): SodViolation[] {
  return isOwnerOrDeputy(measure.controllerId, measure)
    ? [
        {
          code: SodCodes.CONTROLLER_OWNS_MEASURE,
          message: `User ${measure.controllerId} cannot be both controller and owner or deputy of the measure.`,
        },
      ]
    : [];
}

function approvalViolations(actorId: string, measure: MeasurePeople, prior: readonly PriorApproval[]) {
  const violations: SodViolation[] = [];
  if (isOwnerOrDeputy(actorId, measure)) {
    violations.push({
      code: SodCodes.OWNER_APPROVES_OWN_GATE,
      message: `User ${actorId} owns or deputises this measure and cannot approve its gates.`,
    });
  }
  if (prior.some((approval) => approval.approverId === actorId)) {
    violations.push({
      code: SodCodes.DUPLICATE_APPROVAL,
      message: `User ${actorId} has already approved this gate request; one person's approval counts once.`,
    });
  }
  return violations;
}

/** The SoD violations of an action on a measure (domain §2); empty when it may proceed. */
export function checkActionSod(action: SodAction): SodViolation[] {
  switch (action.kind) {
    case 'approve-gate':
    case 'sign-off-closure':
      return [
        ...approvalViolations(action.actorId, action.measure, action.priorApprovals),
        ...controllerOwns(action.measure),
      ];
    case 'validate-actual':
      return [
        ...(isOwnerOrDeputy(action.actorId, action.measure)
          ? [
              {
                code: SodCodes.OWNER_VALIDATES_OWN_ACTUALS,
                message: `User ${action.actorId} owns or deputises this measure and cannot validate its actuals.`,
              },
            ]
          : []),
        ...controllerOwns(action.measure),
      ];
    case 'assign-people':
      return controllerOwns(action.measure);
  }
}
