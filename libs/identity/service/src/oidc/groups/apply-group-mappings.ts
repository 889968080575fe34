import type { SqlTransactionScope } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { GroupMappingRepository } from '../providers/group-mapping.repository';
import type { AssignmentGranting, RoleOnNode } from './assignment-granting';
import { SsoGrantRepository } from './sso-grant.repository';

export interface AppliedMappings {
  granted: RoleOnNode[];
  revoked: RoleOnNode[];
  /** Mapped grants the assignment rules refused, with the reason (recorded in the login's audit record). */
  refused: Array<RoleOnNode & { reason: string }>;
}

const keyOf = (g: RoleOnNode) => `${g.roleId}@${g.nodeId}`;

/**
 * Makes the user's SSO-granted assignments follow their groups at this provider: every role × node a present
 * group maps to exists afterwards; an assignment this provider's mappings granted earlier whose group is gone
 * (or whose mapping was removed) is revoked. Assignments granted by hand are never touched: an existing one
 * satisfies a mapping without being marked, so losing the group does not revoke it.
 */
export async function applyGroupMappings(
  tx: SqlTransactionScope,
  granting: AssignmentGranting,
  input: { providerId: string; userId: string; groups: string[] },
  now: Date,
): Promise<AppliedMappings> {
  const groups = new Set(input.groups);
  const mappings = await new GroupMappingRepository(tx.sql, IDENTITY_SCHEMA).listOf(input.providerId);
  const wanted = new Map<string, RoleOnNode>();
  for (const m of mappings)
    if (groups.has(m.group)) wanted.set(keyOf(m), { roleId: m.roleId, nodeId: m.nodeId });
  const reason = `oidc group mapping of provider ${input.providerId}`;

  const markers = new SsoGrantRepository(tx.sql, IDENTITY_SCHEMA);
  const marked = await markers.ofUser(input.providerId, input.userId);
  const revoked: RoleOnNode[] = [];
  for (const grant of marked) {
    if (wanted.has(keyOf(grant))) continue;
    await markers.unmark(grant.assignmentId);
    await granting.revoke(tx, grant.assignmentId, reason);
    revoked.push({ roleId: grant.roleId, nodeId: grant.nodeId });
  }

  const held = new Set((await granting.heldBy(tx, input.userId)).map(keyOf));
  const granted: RoleOnNode[] = [];
  const refused: AppliedMappings['refused'] = [];
  for (const [key, grant] of wanted) {
    if (held.has(key)) continue;
    const result = await granting.grant(tx, input.userId, grant, reason);
    if ('refused' in result) {
      refused.push({ ...grant, reason: result.refused });
      continue;
    }
    await markers.mark(input.providerId, input.userId, { assignmentId: result.assignmentId, ...grant }, now);
    granted.push(grant);
  }
  return { granted, revoked, refused };
}
