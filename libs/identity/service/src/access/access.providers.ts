import type { Provider, Type } from '@nestjs/common';
import { serviceConsumerProviders } from '@steerco/platform-nest';
import { AssignmentQueries } from '../assignments/assignment.queries';
import { RoleAssignmentsController } from '../assignments/role-assignments.controller';
import { GrantAssignmentUseCase } from '../assignments/usecases/grant-assignment.usecase';
import { RevokeAssignmentUseCase } from '../assignments/usecases/revoke-assignment.usecase';
import { UpdateAssignmentUseCase } from '../assignments/usecases/update-assignment.usecase';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { MeQueries } from '../me/me.queries';
import { NODE_PROJECTION_GROUP, nodeProjectionHandlers } from '../nodes/node-projection.handlers';
import { RoleQueries } from '../roles/role.queries';
import { RolesController } from '../roles/roles.controller';
import { CreateRoleUseCase } from '../roles/usecases/create-role.usecase';
import { DeleteRoleUseCase } from '../roles/usecases/delete-role.usecase';
import { UpdateRoleUseCase } from '../roles/usecases/update-role.usecase';
import { AccessService } from './access.service';
import { DenialAuditInterceptor } from './denial-audit.interceptor';

/** Roles, assignments and authorization: listed here so IdentityModule takes them in two lines. */
export const accessControllers: Type[] = [RolesController, RoleAssignmentsController];

export const accessProviders: Provider[] = [
  AccessService,
  DenialAuditInterceptor,
  MeQueries,
  RoleQueries,
  CreateRoleUseCase,
  UpdateRoleUseCase,
  DeleteRoleUseCase,
  AssignmentQueries,
  GrantAssignmentUseCase,
  UpdateAssignmentUseCase,
  RevokeAssignmentUseCase,
  // The hierarchy projection assignments are placed on (steerco.hierarchy.node.v1).
  ...serviceConsumerProviders({
    schema: IDENTITY_SCHEMA,
    groupId: NODE_PROJECTION_GROUP,
    handlers: nodeProjectionHandlers,
  }),
];
