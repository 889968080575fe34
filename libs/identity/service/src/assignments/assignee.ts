import { AccessErrors } from '@steerco/identity-domain';
import type { SqlClient } from '@steerco/platform-messaging';
import { IDENTITY_SCHEMA } from '../identity.constants';

/** Locks the user an assignment is given to; unknown and disabled users get nothing (invited ones may). */
export async function lockAssignee(sql: SqlClient, userId: string): Promise<void> {
  const [user] = await sql.query<{ status: string }>(
    `select status from "${IDENTITY_SCHEMA}".user_account where id = $1 for update`,
    [userId],
  );
  if (!user) {
    throw AccessErrors.ASSIGNEE_UNKNOWN(`No user ${userId}.`, [
      { field: 'body.userId', message: 'unknown user' },
    ]);
  }
  if (user.status === 'disabled') {
    throw AccessErrors.ASSIGNEE_DISABLED(`User ${userId} is disabled.`, [
      { field: 'body.userId', message: 'disabled' },
    ]);
  }
}
