import { randomUUID } from 'node:crypto';
import { canGrant, checkAssignmentSod, grantShortfall, type RoleDefinition } from '@steerco/authz';
import { assignmentGrantedV1, type AssignmentSnapshot } from '@steerco/contracts';
import { AccessErrors } from '@steerco/identity-domain';
import { PlatformErrors } from '@steerco/platform-nest';
import { SYSTEM_ACTOR } from '@steerco/platform-observability';
import type { SqlTransactionScope } from '@steerco/platform-persistence';
import { denied } from '../access/access-denial';
import { managedSubtrees, managesAssignmentsAt, type CallerAccess } from '../access/caller-access';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { NodeProjectionRepository, type ProjectedNode } from '../nodes/node-projection.repository';
import { assertValidUntil, roleForAssignment } from './assignment-role';
import {
  RoleAssignmentRepository,
  toAssignmentSnapshot,
  type AssignmentRow,
} from './role-assignment.repository';
import { lockAssignee } from './assignee';
import { sodProblem } from './sod-errors';

export interface AssignmentGrant {
  userId: string;
  /** A built-in key (measure-owner) or a custom role id. */
  roleId: string;
  nodeId: string;
  /** ISO 8601; required for time-boxed roles. */
  validUntil?: string | null;
}

/**
 * Who grants. A caller is held to the privilege boundary (manage-roles at the node and canGrant, unless a
 * platform admin). `system` is trusted configuration acting without a person, such as the OIDC group-to-role
 * mapping an admin set up: no privilege check, but every other rule (node, user, role, validUntil, SoD) holds.
 */
export type Granter = { kind: 'caller'; access: CallerAccess } | { kind: 'system'; reason: string };

function assertMayAssignSomewhere(granter: Granter): void {
  if (granter.kind === 'system' || granter.access.platformAdmin) return;
  if (managedSubtrees(granter.access, 'RoleAssignment').length > 0) return;
  throw denied(
    PlatformErrors.FORBIDDEN('Assigning roles needs manage-roles on a node, or a platform admin.'),
    {
      callerId: granter.access.userId,
      operation: 'assignment.grant',
      reason: 'no manage-roles anywhere',
    },
  );
}

async function liveNode(sql: SqlTransactionScope['sql'], nodeId: string): Promise<ProjectedNode> {
  const node = await new NodeProjectionRepository(sql, IDENTITY_SCHEMA).find(nodeId);
  if (!node) {
    throw AccessErrors.NODE_UNKNOWN(`No hierarchy node ${nodeId}.`, [
      { field: 'body.nodeId', message: 'unknown node' },
    ]);
  }
  if (node.archived) {
    throw AccessErrors.NODE_ARCHIVED(`Node ${nodeId} is archived.`, [
      { field: 'body.nodeId', message: 'archived' },
    ]);
  }
  return node;
}

/** Nobody grants more than they hold at the node: manage-roles there, and everything the role grants. */
export function assertGranterHolds(
  granter: Granter,
  role: RoleDefinition,
  nodePath: readonly string[],
  target?: string,
) {
  if (granter.kind === 'system' || granter.access.platformAdmin) return;
  const { access } = granter;
  if (!managesAssignmentsAt(access, nodePath)) {
    throw denied(PlatformErrors.FORBIDDEN('You do not manage roles at this node.'), {
      callerId: access.userId,
      operation: 'assignment.grant',
      target: target ?? nodePath[nodePath.length - 1],
      reason: 'no manage-roles at the node',
    });
  }
  if (canGrant(access.ability, role, nodePath)) return;
  throw denied(
    AccessErrors.GRANT_EXCEEDS_HOLDINGS(
      `${role.name} grants what you do not hold at this node.`,
      grantShortfall(access.ability, role, nodePath).map((s) => ({
        field: 'body.roleId',
        message: `${s.atom} on ${s.subject}.${s.tab}`,
      })),
    ),
    {
      callerId: access.userId,
      operation: 'assignment.grant',
      target: target ?? nodePath[nodePath.length - 1],
      reason: `${role.id} exceeds the granter holdings`,
    },
  );
}

/**
 * Gives a user a role on a node and its subtree, in the caller's transaction: the row, the user's assignment
 * version, one audit record and one assignmentGranted event commit together. Refusals, in order: may the
 * granter assign at all (403), the role (422), the node (422, unknown or archived), the user (422, unknown or
 * disabled), validUntil (422), the granter's holdings at the node (403), segregation of duties (422, AUTHZ.SOD_*).
 */
export async function grantAssignment(
  tx: SqlTransactionScope,
  grant: AssignmentGrant,
  granter: Granter,
  now = new Date(),
): Promise<AssignmentSnapshot> {
  assertMayAssignSomewhere(granter);
  const role = await roleForAssignment(tx.sql, grant.roleId);
  const node = await liveNode(tx.sql, grant.nodeId);
  // Locking the assignee serialises concurrent grants to one user, so the SoD check sees every one of them.
  await lockAssignee(tx.sql, grant.userId);
  const validUntil = grant.validUntil ? new Date(grant.validUntil) : null;
  assertValidUntil(role, validUntil, now);
  assertGranterHolds(granter, role, node.path);

  const current = (await new RoleAssignmentRepository(tx.sql, IDENTITY_SCHEMA).ofUser(grant.userId)).filter(
    (row) => row.path !== null && (row.valid_until === null || row.valid_until > now),
  );
  const violations = checkAssignmentSod(
    {
      userId: grant.userId,
      roleId: role.id,
      nodePath: node.path,
      granterId: granter.kind === 'caller' ? granter.access.userId : SYSTEM_ACTOR,
    },
    current.map((row) => ({ userId: row.user_id, roleId: row.role_id, nodePath: row.path as string[] })),
  );
  if (violations.length > 0) throw sodProblem(violations);

  const row: AssignmentRow = {
    id: randomUUID(),
    user_id: grant.userId,
    role_id: role.id,
    node_id: node.id,
    valid_until: validUntil,
    version: 1,
  };
  const assignments = new RoleAssignmentRepository(tx.sql, IDENTITY_SCHEMA);
  await assignments.insert(row, tx.context.actor, now);
  const userVersion = await assignments.bumpVersion(grant.userId);
  const snapshot = toAssignmentSnapshot(row);
  tx.audit({
    objectType: 'role-assignment',
    objectId: row.id,
    action: 'granted',
    changes: {
      ...Object.fromEntries(
        Object.entries(snapshot).map(([field, after]) => [field, { before: null, after }]),
      ),
      ...(granter.kind === 'system' ? { grantedBy: { before: null, after: granter.reason } } : {}),
    },
    newObject: true,
  });
  // Keyed by the user (the topic's contract), versioned by the user's assignment set: what caches key on.
  tx.emit({
    definition: assignmentGrantedV1,
    subject: grant.userId,
    aggregateVersion: userVersion,
    data: { assignment: snapshot },
  });
  return snapshot;
}
