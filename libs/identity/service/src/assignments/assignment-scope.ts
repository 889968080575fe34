import { AccessErrors } from '@steerco/identity-domain';
import { PlatformErrors } from '@steerco/platform-nest';
import { denied } from '../access/access-denial';
import { managesAssignmentsAt, type CallerAccess } from '../access/caller-access';
import type { PlacedAssignmentRow } from './role-assignment.repository';

function manages(access: CallerAccess, row: PlacedAssignmentRow): boolean {
  return access.platformAdmin || (!!row.path && managesAssignmentsAt(access, row.path));
}

/** A caller sees the assignments on nodes where they manage roles, and their own; others do not exist for them. */
export function assertAssignmentVisible(
  access: CallerAccess,
  row: PlacedAssignmentRow,
  operation: string,
): void {
  if (row.user_id === access.userId || manages(access, row)) return;
  throw denied(AccessErrors.ASSIGNMENT_NOT_FOUND(`No assignment ${row.id}.`), {
    callerId: access.userId,
    operation,
    target: row.id,
    reason: 'outside the caller scope',
  });
}

/** Changing or revoking needs manage-roles at the node; seeing one's own assignment is not enough. */
export function assertAssignmentManaged(
  access: CallerAccess,
  row: PlacedAssignmentRow,
  operation: string,
): void {
  assertAssignmentVisible(access, row, operation);
  if (manages(access, row)) return;
  throw denied(PlatformErrors.FORBIDDEN('Changing an assignment needs manage-roles at its node.'), {
    callerId: access.userId,
    operation,
    target: row.id,
    reason: 'no manage-roles at the node',
  });
}
