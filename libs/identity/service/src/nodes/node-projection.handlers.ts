import {
  nodeArchivedV1,
  nodeCreatedV1,
  nodeMovedV1,
  nodeUnarchivedV1,
  nodeUpdatedV1,
  type CloudEvent,
  type NodeSnapshot,
} from '@steerco/contracts';
import type { EventHandlerBinding, SqlClient } from '@steerco/platform-messaging';
import type { SqlTransactionScope } from '@steerco/platform-persistence';
import { grantAssignment } from '../assignments/grant-assignment';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { NodeProjectionRepository } from './node-projection.repository';

/** The consumer group of identity's node projection: one per service, shared by its replicas. */
export const NODE_PROJECTION_GROUP = 'identity.node-projection';

/**
 * Every node event carries the full node after the change, so each one is applied the same way: an upsert.
 * That also fills the projection from updated events of nodes created before identity listened.
 */
async function applyNode(event: CloudEvent, tx: { sql: SqlClient }): Promise<void> {
  const { node } = event.data as { node: NodeSnapshot };
  const nodes = new NodeProjectionRepository(tx.sql, IDENTITY_SCHEMA);
  const { pathChanged } = await nodes.apply(
    {
      id: node.id,
      level: node.level,
      parentId: node.parentId,
      path: node.path,
      archived: node.archived,
      version: node.version,
    },
    new Date(),
  );
  // Assignments below a moved node now have other paths: cached abilities of their holders are stale.
  if (pathChanged) await nodes.bumpUsersAssignedWithin(node.id);
}

/**
 * Whoever creates an organization (an installation administrator) becomes its org admin, granted by the
 * system in the same transaction as the projection: without it the creator could see the organization
 * and nothing below it, and could not appoint anyone, since nobody assigns a role to themselves.
 */
async function applyCreatedNode(event: CloudEvent, tx: SqlTransactionScope): Promise<void> {
  await applyNode(event, tx);
  const { node } = event.data as { node: NodeSnapshot };
  if (node.level !== 'organization') return;
  const rows = await tx.sql.query<{ status: string }>(
    `select status from "${IDENTITY_SCHEMA}".user_account where id::text = $1`,
    [event.actor],
  );
  if (rows[0]?.status !== 'active') return;
  await grantAssignment(
    tx,
    { userId: event.actor, roleId: 'org-admin', nodeId: node.id },
    { kind: 'system', reason: 'creator of the organization' },
  );
}

export const nodeProjectionHandlers: EventHandlerBinding<SqlTransactionScope>[] = [
  { definition: nodeCreatedV1, handle: applyCreatedNode },
  ...[nodeUpdatedV1, nodeMovedV1, nodeArchivedV1, nodeUnarchivedV1].map((definition) => ({
    definition,
    handle: applyNode,
  })),
];
