import { assignmentRevokedV1 } from '@steerco/contracts';
import { AccessErrors } from '@steerco/identity-domain';
import type { SqlTransactionScope } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { assertAssignmentManaged } from './assignment-scope';
import type { Granter } from './grant-assignment';
import { RoleAssignmentRepository, toAssignmentSnapshot } from './role-assignment.repository';

/**
 * Removes an assignment in the caller's transaction: the row goes, the user's assignment version is bumped,
 * one audit record and one assignmentRevoked event are written. A caller needs manage-roles at its node (404
 * outside their scope); `system` (an SSO group that left the claims) needs nothing and is named in the audit.
 */
export async function revokeAssignment(
  tx: SqlTransactionScope,
  assignmentId: string,
  revoker: Granter,
): Promise<void> {
  const assignments = new RoleAssignmentRepository(tx.sql, IDENTITY_SCHEMA);
  const row = await assignments.find(assignmentId, true);
  if (!row) throw AccessErrors.ASSIGNMENT_NOT_FOUND(`No assignment ${assignmentId}.`);
  if (revoker.kind === 'caller') assertAssignmentManaged(revoker.access, row, 'assignment.revoke');
  await assignments.delete(assignmentId);
  const userVersion = await assignments.bumpVersion(row.user_id);
  const snapshot = toAssignmentSnapshot(row);
  tx.audit({
    objectType: 'role-assignment',
    objectId: assignmentId,
    action: 'revoked',
    changes: {
      ...Object.fromEntries(
        Object.entries(snapshot).map(([field, before]) => [field, { before, after: null }]),
      ),
      ...(revoker.kind === 'system' ? { revokedBy: { before: null, after: revoker.reason } } : {}),
    },
  });
  tx.emit({
    definition: assignmentRevokedV1,
    subject: row.user_id,
    aggregateVersion: userVersion,
    data: { assignment: snapshot },
  });
}
