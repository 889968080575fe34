import {
  assignmentGrantedV1,
  assignmentRevokedV1,
  assignmentUpdatedV1,
  roleCreatedV1,
  roleDeletedV1,
  roleUpdatedV1,
  userActivatedV1,
  userCreatedV1,
  userDisabledV1,
  userMfaEnrolledV1,
  userMfaResetV1,
  userUpdatedV1,
  type AssignmentSnapshot,
  type CloudEvent,
  type CustomRoleSnapshot,
  type EventDefinition,
  type UserSnapshot,
} from '@steerco/contracts';
import { assertSchemaName, type EventHandlerBinding, type SqlClient } from '@steerco/platform-messaging';

type Tx = { sql: SqlClient };

export interface AccessProjectionOptions {
  /**
   * Called after each change, inside its transaction: the consuming replica drops what it remembers of
   * users' access (`AccessVersionCache`) at once; the other replicas learn of the change from its commit's
   * notification.
   */
  onChange?: () => void;
}

/**
 * The handlers that keep a service's access projection (accessProjectionSql) current. Every handler is
 * idempotent by itself (upserts and deletes), on top of the consumer's own de-duplication.
 */
export function accessProjectionHandlers(
  schema: string,
  options: AccessProjectionOptions = {},
): EventHandlerBinding<Tx>[] {
  const s = `"${assertSchemaName(schema)}"`;

  const upsertUser = async (event: CloudEvent, tx: Tx) => {
    const { user } = event.data as { user: UserSnapshot };
    await tx.sql.query(
      `insert into ${s}.access_user (id, status, platform_admin) values ($1, $2, $3)
       on conflict (id) do update set status = excluded.status, platform_admin = excluded.platform_admin,
         version = ${s}.access_user.version + 1`,
      [user.id, user.status, user.platformAdmin ?? false],
    );
  };

  const bumpUsers = (tx: Tx, where: string, params: unknown[]) =>
    tx.sql.query(`update ${s}.access_user set version = version + 1 where ${where}`, params);

  const upsertRole = async (event: CloudEvent, tx: Tx) => {
    const { role } = event.data as { role: CustomRoleSnapshot };
    await tx.sql.query(
      `insert into ${s}.access_role (id, definition) values ($1, $2::jsonb)
       on conflict (id) do update set definition = excluded.definition`,
      [role.id, JSON.stringify(role)],
    );
    await bumpUsers(tx, `id in (select user_id from ${s}.access_assignment where role_id = $1)`, [role.id]);
  };

  const deleteRole = async (event: CloudEvent, tx: Tx) => {
    const { roleId } = event.data as { roleId: string };
    await tx.sql.query(`delete from ${s}.access_role where id = $1`, [roleId]);
    await bumpUsers(tx, `id in (select user_id from ${s}.access_assignment where role_id = $1)`, [roleId]);
  };

  const upsertAssignment = async (event: CloudEvent, tx: Tx) => {
    const { assignment: a } = event.data as { assignment: AssignmentSnapshot };
    await tx.sql.query(
      `insert into ${s}.access_assignment (id, user_id, role_id, node_id, valid_until) values ($1, $2, $3, $4, $5)
       on conflict (id) do update set role_id = excluded.role_id, node_id = excluded.node_id,
         valid_until = excluded.valid_until`,
      [a.id, a.userId, a.roleId, a.nodeId, a.validUntil],
    );
    await ensureUserRow(tx, a.userId);
    await bumpUsers(tx, 'id = $1', [a.userId]);
  };

  const revokeAssignment = async (event: CloudEvent, tx: Tx) => {
    const { assignment: a } = event.data as { assignment: AssignmentSnapshot };
    await tx.sql.query(`delete from ${s}.access_assignment where id = $1`, [a.id]);
    await bumpUsers(tx, 'id = $1', [a.userId]);
  };

  /** An assignment may arrive before its user's first event (other topic): the user stays inactive until then. */
  const ensureUserRow = (tx: Tx, userId: string) =>
    tx.sql.query(
      `insert into ${s}.access_user (id, status) values ($1, 'unknown') on conflict (id) do nothing`,
      [userId],
    );

  const bind = (definition: EventDefinition, handle: (event: CloudEvent, tx: Tx) => Promise<void>) => ({
    definition,
    handle: async (event: CloudEvent, tx: Tx) => {
      await handle(event, tx);
      options.onChange?.();
    },
  });
  return [
    ...[userCreatedV1, userUpdatedV1, userActivatedV1, userDisabledV1, userMfaEnrolledV1, userMfaResetV1].map(
      (definition) => bind(definition, upsertUser),
    ),
    bind(roleCreatedV1, upsertRole),
    bind(roleUpdatedV1, upsertRole),
    bind(roleDeletedV1, deleteRole),
    bind(assignmentGrantedV1, upsertAssignment),
    bind(assignmentUpdatedV1, upsertAssignment),
    bind(assignmentRevokedV1, revokeAssignment),
  ];
}
