import { Injectable } from '@nestjs/common';
import { assignmentUpdatedV1 } from '@steerco/contracts';
import { AccessErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork, PlatformErrors } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import type { CallerAccess } from '../../access/caller-access';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { assertValidUntil, roleForAssignment } from '../assignment-role';
import { assertAssignmentManaged } from '../assignment-scope';
import type { AssignmentResponse, UpdateAssignmentInput } from '../dto/assignment.dto';
import { assertGranterHolds } from '../grant-assignment';
import { RoleAssignmentRepository, toAssignmentSnapshot } from '../role-assignment.repository';

@Injectable()
export class UpdateAssignmentUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  /** Changes validUntil (If-Match). Extending an assignment grants anew, so the granter's holdings are checked. */
  execute(
    access: CallerAccess,
    id: string,
    expectedVersion: number,
    input: UpdateAssignmentInput,
  ): Promise<AssignmentResponse> {
    return this.uow.runSql(async (tx) => {
      const assignments = new RoleAssignmentRepository(tx.sql, IDENTITY_SCHEMA);
      const row = await assignments.find(id, true);
      if (!row) throw AccessErrors.ASSIGNMENT_NOT_FOUND(`No assignment ${id}.`);
      assertAssignmentManaged(access, row, 'assignment.update');
      if (row.version !== expectedVersion) {
        throw PlatformErrors.VERSION_CONFLICT(
          `The assignment is at version ${row.version}, not ${expectedVersion}: read it again.`,
        );
      }
      const now = new Date();
      const validUntil = input.validUntil === null ? null : new Date(input.validUntil);
      const role = await roleForAssignment(tx.sql, row.role_id);
      assertValidUntil(role, validUntil, now);
      if ((row.valid_until?.getTime() ?? null) === (validUntil?.getTime() ?? null)) {
        return { ...toAssignmentSnapshot(row), nodePath: row.path };
      }
      assertGranterHolds({ kind: 'caller', access }, role, row.path ?? [], id);
      const before = toAssignmentSnapshot(row);
      const next = { ...row, valid_until: validUntil, version: row.version + 1 };
      await assignments.updateValidUntil(next, tx.context.actor, now);
      const userVersion = await assignments.bumpVersion(row.user_id);
      const snapshot = toAssignmentSnapshot(next);
      tx.audit({
        objectType: 'role-assignment',
        objectId: id,
        action: 'updated',
        changes: { validUntil: { before: before.validUntil, after: snapshot.validUntil } },
      });
      tx.emit({
        definition: assignmentUpdatedV1,
        subject: row.user_id,
        aggregateVersion: userVersion,
        data: { assignment: snapshot },
      });
      return { ...snapshot, nodePath: row.path };
    });
  }
}
