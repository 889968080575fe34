import { CONFLICTING_ROLE_PAIRS, SodCodes, type SodViolation } from './sod-rules';

/** The facts of a role assignment the SoD check needs. */
export interface AssignmentFacts {
  userId: string;
  roleId: string;
  /** Node ids from the organization down to the assigned node. */
  nodePath: readonly string[];
}

export interface ProposedAssignment extends AssignmentFacts {
  /** Who is assigning it. */
  granterId: string;
}

/** Two subtrees overlap when one root lies on the other's path: the same node, or one above the other. */
function overlaps(a: readonly string[], b: readonly string[]): boolean {
  return a.includes(b[b.length - 1]) || b.includes(a[a.length - 1]);
}

/**
 * The SoD violations of assigning a role: self-assignment, and a role conflicting with one the user already
 * holds on an overlapping subtree. `existing` may hold everyone's assignments: only the user's count.
 * Expired assignments should be left out by the caller; they no longer conflict.
 */
export function checkAssignmentSod(
  proposed: ProposedAssignment,
  existing: readonly AssignmentFacts[],
): SodViolation[] {
  const violations: SodViolation[] = [];
  if (proposed.granterId === proposed.userId) {
    violations.push({
      code: SodCodes.SELF_ASSIGNMENT,
      message: `User ${proposed.userId} cannot assign a role to themselves.`,
    });
  }
  for (const held of existing) {
    if (held.userId !== proposed.userId || !overlaps(held.nodePath, proposed.nodePath)) continue;
    const conflict = CONFLICTING_ROLE_PAIRS.find(
      ({ roles: [a, b] }) =>
        (a === proposed.roleId && b === held.roleId) || (b === proposed.roleId && a === held.roleId),
    );
    if (conflict) {
      violations.push({
        code: SodCodes.CONFLICTING_ROLES,
        message:
          `User ${proposed.userId} holds ${held.roleId} on node ${held.nodePath[held.nodePath.length - 1]}, ` +
          `which overlaps; ${proposed.roleId} there conflicts with it: ${conflict.reason}.`,
      });
    }
  }
  return violations;
}
