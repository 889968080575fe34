import { Injectable } from '@nestjs/common';
import { AppError } from '@steerco/platform-errors';
import type { SqlTransactionScope } from '@steerco/platform-persistence';
import { grantAssignment } from '../../assignments/grant-assignment';
import { revokeAssignment } from '../../assignments/revoke-assignment';
import { RoleAssignmentRepository } from '../../assignments/role-assignment.repository';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import type { AssignmentGranting, GrantResult, RoleOnNode } from './assignment-granting';

/**
 * Role assignments as single sign-on changes them: through the assignments feature's own grant (as a
 * `system` granter, since an admin configured the mapping; every rule but the privilege boundary holds).
 */
@Injectable()
export class SsoAssignmentGranting implements AssignmentGranting {
  async heldBy(
    tx: SqlTransactionScope,
    userId: string,
  ): Promise<Array<RoleOnNode & { assignmentId: string }>> {
    const rows = await new RoleAssignmentRepository(tx.sql, IDENTITY_SCHEMA).ofUser(userId);
    return rows.map((r) => ({ assignmentId: r.id, roleId: r.role_id, nodeId: r.node_id }));
  }

  /** A savepoint keeps the login's transaction usable when the grant is refused after a statement ran. */
  async grant(
    tx: SqlTransactionScope,
    userId: string,
    grant: RoleOnNode,
    reason: string,
  ): Promise<GrantResult> {
    await tx.sql.query('savepoint sso_grant');
    try {
      const snapshot = await grantAssignment(tx, { userId, ...grant }, { kind: 'system', reason });
      await tx.sql.query('release savepoint sso_grant');
      return { assignmentId: snapshot.id };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await tx.sql.query('rollback to savepoint sso_grant');
      return { refused: `${error.code}: ${error.message}` };
    }
  }

  /** The assignments feature's own revoke, as `system`: there is no caller, the user's groups changed. */
  async revoke(tx: SqlTransactionScope, assignmentId: string, reason: string): Promise<void> {
    const held = await new RoleAssignmentRepository(tx.sql, IDENTITY_SCHEMA).find(assignmentId, true);
    if (!held) return;
    await revokeAssignment(tx, assignmentId, { kind: 'system', reason });
  }
}
