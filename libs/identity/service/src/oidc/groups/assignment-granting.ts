import type { SqlTransactionScope } from '@steerco/platform-persistence';

export interface RoleOnNode {
  roleId: string;
  nodeId: string;
}

export type GrantResult = { assignmentId: string } | { refused: string };

/**
 * What single sign-on needs from role assignments, inside the login's transaction: the user's current
 * assignments, and grant and revoke with their audit records and assignment events. A grant the assignment
 * rules refuse (unknown or archived node, a deleted custom role, segregation of duties) is reported, not
 * thrown: one stale mapping must not lock everyone out. Implemented by SsoAssignmentGranting.
 */
export interface AssignmentGranting {
  heldBy(tx: SqlTransactionScope, userId: string): Promise<Array<RoleOnNode & { assignmentId: string }>>;
  grant(tx: SqlTransactionScope, userId: string, grant: RoleOnNode, reason: string): Promise<GrantResult>;
  revoke(tx: SqlTransactionScope, assignmentId: string, reason: string): Promise<void>;
}
