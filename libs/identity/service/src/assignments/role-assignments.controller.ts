import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IF_MATCH_REQUIRED, Operation, versionFromIfMatch, withEtag, ZodPipe } from '@steerco/platform-nest';
import { AccessService } from '../access/access.service';
import { Caller, type CallerRef } from '../access/caller.decorator';
import { DenialAuditInterceptor } from '../access/denial-audit.interceptor';
import { AssignmentQueries } from './assignment.queries';
import {
  assignmentIdParamsSchema,
  assignmentIdSchema,
  assignmentPageSchema,
  assignmentResponseSchema,
  grantAssignmentSchema,
  listAssignmentsQuerySchema,
  updateAssignmentSchema,
  type GrantAssignmentInput,
  type ListAssignmentsQuery,
  type UpdateAssignmentInput,
} from './dto/assignment.dto';
import { GrantAssignmentUseCase } from './usecases/grant-assignment.usecase';
import { RevokeAssignmentUseCase } from './usecases/revoke-assignment.usecase';
import { UpdateAssignmentUseCase } from './usecases/update-assignment.usecase';

const NOT_FOUND = { 404: 'No such assignment, or not in your scope (IDENTITY.ASSIGNMENT_NOT_FOUND)' };

/** Role assignments: user × role × node. Managed by platform admins and by whoever holds manage-roles there. */
@Controller('api/identity/role-assignments')
@UseInterceptors(DenialAuditInterceptor)
export class RoleAssignmentsController {
  constructor(
    private readonly access: AccessService,
    private readonly queries: AssignmentQueries,
    private readonly grantAssignment: GrantAssignmentUseCase,
    private readonly updateAssignment: UpdateAssignmentUseCase,
    private readonly revokeAssignment: RevokeAssignmentUseCase,
  ) {}

  @Get()
  @Operation({
    summary: 'Assignments you may see (on nodes where you manage roles, and your own), page by page',
    query: listAssignmentsQuerySchema,
    response: { schema: assignmentPageSchema },
  })
  async list(
    @Caller() caller: CallerRef,
    @Query(new ZodPipe(listAssignmentsQuerySchema)) query: ListAssignmentsQuery,
  ) {
    return this.queries.list(await this.access.forCaller(caller), query);
  }

  @Get(':id')
  @Operation({
    summary: 'An assignment',
    params: assignmentIdParamsSchema,
    response: { schema: assignmentResponseSchema },
    problems: NOT_FOUND,
  })
  async get(
    @Caller() caller: CallerRef,
    @Param('id', new ZodPipe(assignmentIdSchema)) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const assignment = await this.queries.get(await this.access.forCaller(caller), id);
    withEtag(reply, assignment);
    return assignment;
  }

  @Post()
  @HttpCode(201)
  @Operation({
    summary: 'Give a user a role on a node and its subtree',
    body: grantAssignmentSchema,
    response: {
      status: 201,
      schema: assignmentResponseSchema,
      description: 'The assignment; ETag its version',
    },
    problems: {
      403: 'No manage-roles there (PLATFORM.FORBIDDEN) or the role exceeds what you hold (IDENTITY.GRANT_EXCEEDS_HOLDINGS)',
      422:
        'Unknown or archived node (IDENTITY.NODE_UNKNOWN, NODE_ARCHIVED), unknown or disabled user (ASSIGNEE_UNKNOWN, ' +
        'ASSIGNEE_DISABLED), unknown role (ROLE_UNKNOWN), validUntil (VALID_UNTIL_REQUIRED, VALID_UNTIL_PAST), ' +
        'segregation of duties (AUTHZ.SOD_CONFLICTING_ROLES, AUTHZ.SOD_SELF_ASSIGNMENT)',
    },
  })
  async create(
    @Caller() caller: CallerRef,
    @Body(new ZodPipe(grantAssignmentSchema)) body: GrantAssignmentInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.forCaller(caller);
    const granted = await this.grantAssignment.execute(body, { kind: 'caller', access });
    withEtag(reply, granted).header('location', `/api/identity/role-assignments/${granted.id}`);
    return this.queries.get(access, granted.id);
  }

  @Patch(':id')
  @Operation({
    summary: "Change an assignment's validUntil",
    params: assignmentIdParamsSchema,
    body: updateAssignmentSchema,
    headers: IF_MATCH_REQUIRED,
    response: { schema: assignmentResponseSchema },
    problems: {
      ...NOT_FOUND,
      403: 'No manage-roles at its node (PLATFORM.FORBIDDEN, IDENTITY.GRANT_EXCEEDS_HOLDINGS)',
      409: 'Stale If-Match (PLATFORM.VERSION_CONFLICT)',
      422: 'validUntil (IDENTITY.VALID_UNTIL_REQUIRED, VALID_UNTIL_PAST)',
      428: 'If-Match missing (PLATFORM.PRECONDITION_REQUIRED)',
    },
  })
  async update(
    @Caller() caller: CallerRef,
    @Param('id', new ZodPipe(assignmentIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(updateAssignmentSchema)) body: UpdateAssignmentInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.forCaller(caller);
    const assignment = await this.updateAssignment.execute(access, id, versionFromIfMatch(ifMatch), body);
    withEtag(reply, assignment);
    return assignment;
  }

  @Delete(':id')
  @HttpCode(204)
  @Operation({
    summary: 'Revoke an assignment',
    params: assignmentIdParamsSchema,
    response: { status: 204 },
    problems: { ...NOT_FOUND, 403: 'No manage-roles at its node (PLATFORM.FORBIDDEN)' },
  })
  async revoke(@Caller() caller: CallerRef, @Param('id', new ZodPipe(assignmentIdSchema)) id: string) {
    await this.revokeAssignment.execute(await this.access.forCaller(caller), id);
  }
}
