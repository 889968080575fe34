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
  Res,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  IF_MATCH_REQUIRED,
  Operation,
  optionalVersionFromIfMatch,
  versionFromIfMatch,
  withEtag,
  ZodPipe,
} from '@steerco/platform-nest';
import { AccessService } from '../access/access.service';
import { Caller, type CallerRef } from '../access/caller.decorator';
import { DenialAuditInterceptor } from '../access/denial-audit.interceptor';
import {
  createRoleSchema,
  roleIdParamsSchema,
  roleIdSchema,
  roleListSchema,
  roleResponseSchema,
  updateRoleSchema,
  type CreateRoleInput,
  type UpdateRoleInput,
} from './dto/role.dto';
import { RoleQueries } from './role.queries';
import { CreateRoleUseCase } from './usecases/create-role.usecase';
import { DeleteRoleUseCase } from './usecases/delete-role.usecase';
import { UpdateRoleUseCase } from './usecases/update-role.usecase';

const NOT_FOUND = { 404: 'No such role (IDENTITY.ROLE_NOT_FOUND)' };
const FORBIDDEN = {
  403: 'No manage-roles at an organization (PLATFORM.FORBIDDEN), or the role exceeds what you hold (IDENTITY.GRANT_EXCEEDS_HOLDINGS)',
};

/**
 * The role catalogue. Reading it is open to every signed-in user: it is configuration, not business data, and
 * people need it to understand their own permissions (GET /me). Composing is for platform admins and for
 * those who manage roles at an organization, within what they hold there.
 */
@Controller('api/identity/roles')
@UseInterceptors(DenialAuditInterceptor)
export class RolesController {
  constructor(
    private readonly access: AccessService,
    private readonly queries: RoleQueries,
    private readonly createRole: CreateRoleUseCase,
    private readonly updateRole: UpdateRoleUseCase,
    private readonly deleteRole: DeleteRoleUseCase,
  ) {}

  @Get()
  @Operation({
    summary: 'The built-in roles (read-only) and the custom ones',
    response: { schema: roleListSchema },
  })
  list() {
    return this.queries.list();
  }

  @Get(':id')
  @Operation({
    summary: 'A role: a built-in key such as measure-owner, or a custom role id',
    params: roleIdParamsSchema,
    response: { schema: roleResponseSchema },
    problems: NOT_FOUND,
  })
  async get(
    @Param('id', new ZodPipe(roleIdSchema)) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const role = await this.queries.get(id);
    withEtag(reply, role);
    return role;
  }

  @Post()
  @HttpCode(201)
  @Operation({
    summary: 'Compose a custom role from permission atoms on tabs',
    body: createRoleSchema,
    response: { status: 201, schema: roleResponseSchema, description: 'The role; ETag carries its version' },
    problems: {
      ...FORBIDDEN,
      422: 'Invalid definition (IDENTITY.ROLE_INVALID; each field names an AUTHZ.ROLE_* code)',
    },
  })
  async create(
    @Caller() caller: CallerRef,
    @Body(new ZodPipe(createRoleSchema)) body: CreateRoleInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const role = await this.createRole.execute(await this.access.forCaller(caller), body);
    withEtag(reply, role).header('location', `/api/identity/roles/${role.id}`);
    return role;
  }

  @Patch(':id')
  @Operation({
    summary: 'Change a custom role',
    params: roleIdParamsSchema,
    body: updateRoleSchema,
    headers: IF_MATCH_REQUIRED,
    response: { schema: roleResponseSchema },
    problems: {
      ...NOT_FOUND,
      ...FORBIDDEN,
      409: 'Built-in role (IDENTITY.ROLE_BUILT_IN) or stale If-Match (PLATFORM.VERSION_CONFLICT)',
      422: 'Invalid definition (IDENTITY.ROLE_INVALID)',
      428: 'If-Match missing (PLATFORM.PRECONDITION_REQUIRED)',
    },
  })
  async update(
    @Caller() caller: CallerRef,
    @Param('id', new ZodPipe(roleIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(updateRoleSchema)) body: UpdateRoleInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.forCaller(caller);
    const role = await this.updateRole.execute(access, id, versionFromIfMatch(ifMatch), body);
    withEtag(reply, role);
    return role;
  }

  @Delete(':id')
  @HttpCode(204)
  @Operation({
    summary: 'Delete a custom role nobody holds',
    params: roleIdParamsSchema,
    headers: { 'If-Match': { required: false, description: 'When sent, only that version is deleted' } },
    response: { status: 204 },
    problems: {
      ...NOT_FOUND,
      ...FORBIDDEN,
      409: 'Built-in, still assigned (IDENTITY.ROLE_IN_USE) or stale If-Match (PLATFORM.VERSION_CONFLICT)',
    },
  })
  async remove(
    @Caller() caller: CallerRef,
    @Param('id', new ZodPipe(roleIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    const access = await this.access.forCaller(caller);
    await this.deleteRole.execute(access, id, optionalVersionFromIfMatch(ifMatch));
  }
}
