import type { ResolvedAssignment } from '../roles';

export interface Principal {
  userId: string;
  /**
   * Whether this session passed a second factor. When `false`, roles that require MFA grant nothing; when
   * absent, the caller vouches that the identity service enforced MFA at sign-in.
   */
  mfaVerified?: boolean;
}

/** A source of the current time, injectable so expiry is testable and consistent within a request. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

function expiryOf(assignment: ResolvedAssignment): number | undefined {
  // The event contracts say "no end" with null: the same as an absent validUntil.
  if (assignment.validUntil === undefined || assignment.validUntil === null) return undefined;
  // An unparsable date is NaN, which no instant is before: the assignment is treated as expired.
  return Date.parse(assignment.validUntil);
}

/**
 * The assignments that grant something now: the principal's own, not expired, time-boxed ones with an end,
 * MFA roles only after MFA. Everything else is ignored, never an error: default deny.
 */
export function activeAssignments(
  principal: Principal,
  assignments: readonly ResolvedAssignment[],
  now: Date,
): ResolvedAssignment[] {
  const instant = now.getTime();
  return assignments.filter((assignment) => {
    if (assignment.userId !== principal.userId) return false;
    if (assignment.nodePath[assignment.nodePath.length - 1] !== assignment.nodeId) return false;
    if (assignment.role.mfaRequired && principal.mfaVerified === false) return false;
    const until = expiryOf(assignment);
    if (until === undefined) return !assignment.role.timeBoxed;
    return instant < until;
  });
}

/** The instant the set of active assignments next changes by expiry, or `undefined` if never. */
export function nextExpiry(
  principal: Principal,
  assignments: readonly ResolvedAssignment[],
  now: Date,
): number | undefined {
  let earliest: number | undefined;
  for (const assignment of activeAssignments(principal, assignments, now)) {
    const until = expiryOf(assignment);
    if (until !== undefined && (earliest === undefined || until < earliest)) earliest = until;
  }
  return earliest;
}
