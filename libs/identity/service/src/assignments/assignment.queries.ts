import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { AccessErrors } from '@steerco/identity-domain';
import { decodeCursor, encodeCursor, InjectUnitOfWork, type Page } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { managedSubtrees, type CallerAccess } from '../access/caller-access';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { assertAssignmentVisible } from './assignment-scope';
import type { AssignmentResponse, ListAssignmentsQuery } from './dto/assignment.dto';
import {
  RoleAssignmentRepository,
  toAssignmentSnapshot,
  type PlacedAssignmentRow,
} from './role-assignment.repository';

const cursorSchema = z.strictObject({ a: z.uuid() });

const toResponse = (row: PlacedAssignmentRow): AssignmentResponse => ({
  ...toAssignmentSnapshot(row),
  nodePath: row.path,
});

@Injectable()
export class AssignmentQueries {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  async get(access: CallerAccess, id: string): Promise<AssignmentResponse> {
    const row = await new RoleAssignmentRepository(this.uow.sqlReader(), IDENTITY_SCHEMA).find(id);
    if (!row) throw AccessErrors.ASSIGNMENT_NOT_FOUND(`No assignment ${id}.`);
    assertAssignmentVisible(access, row, 'assignment.read');
    return toResponse(row);
  }

  /**
   * Filtered in the database to what the caller may see: the assignments on nodes inside the subtrees where
   * they manage roles, and their own. Platform admins see all.
   */
  async list(access: CallerAccess, query: ListAssignmentsQuery): Promise<Page<AssignmentResponse>> {
    const limit = query.limit ?? 50;
    const scope = access.platformAdmin
      ? {}
      : {
          withinNodes: managedSubtrees(access, 'RoleAssignment').map((path) => path[path.length - 1]),
          orOfUser: access.userId,
        };
    const rows = await new RoleAssignmentRepository(this.uow.sqlReader(), IDENTITY_SCHEMA).list({
      userId: query.userId,
      nodeId: query.nodeId,
      ...scope,
      afterId: decodeCursor(query.cursor, cursorSchema)?.a,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map(toResponse);
    return rows.length > limit
      ? { items, nextCursor: encodeCursor({ a: items[items.length - 1].id }) }
      : { items };
  }
}
