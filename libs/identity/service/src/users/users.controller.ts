import {
  Body,
  Controller,
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
import {
  IF_MATCH_OPTIONAL,
  IF_MATCH_REQUIRED,
  Operation,
  optionalVersionFromIfMatch,
  versionFromIfMatch,
  withEtag,
  ZodPipe,
} from '@steerco/platform-nest';
import { AccessService } from '../access/access.service';
import type { CallerAccess } from '../access/caller-access';
import { Caller, type CallerRef } from '../access/caller.decorator';
import { DenialAuditInterceptor } from '../access/denial-audit.interceptor';
import {
  createUserSchema,
  invitationResponseSchema,
  listUsersQuerySchema,
  updateUserSchema,
  userIdParamsSchema,
  userIdSchema,
  userPageSchema,
  userResponseSchema,
  type CreateUserInput,
  type ListUsersQuery,
  type UpdateUserInput,
} from './dto/user.dto';
import { CreateUserUseCase } from './usecases/create-user.usecase';
import { DisableUserUseCase } from './usecases/disable-user.usecase';
import { EnableUserUseCase } from './usecases/enable-user.usecase';
import { IssueInvitationUseCase } from './usecases/issue-invitation.usecase';
import { UpdateUserUseCase } from './usecases/update-user.usecase';
import { UserQueries } from './user.queries';
import { assertManagesUsers, assertMayAdminister, assertUserVisible } from './user-access';

const NOT_FOUND = { 404: 'No such user, or not yours to see (IDENTITY.USER_NOT_FOUND)' };
const FORBIDDEN = { 403: 'Needs manage-roles somewhere, or a platform admin (PLATFORM.FORBIDDEN)' };

/**
 * User administration: platform admins and whoever holds manage-roles somewhere (see user-access.ts). Anyone
 * may read and change their own profile.
 */
@Controller('api/identity/users')
@UseInterceptors(DenialAuditInterceptor)
export class UsersController {
  constructor(
    private readonly access: AccessService,
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
    private readonly disableUser: DisableUserUseCase,
    private readonly enableUser: EnableUserUseCase,
    private readonly issueInvitation: IssueInvitationUseCase,
    private readonly queries: UserQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @Operation({
    summary: 'Create a user: active with an initial password (to be changed at first login), or invited',
    body: createUserSchema,
    response: { status: 201, schema: userResponseSchema, description: 'The user; ETag carries its version' },
    problems: {
      ...FORBIDDEN,
      409: 'E-mail taken (IDENTITY.EMAIL_TAKEN)',
      422: 'Password policy (IDENTITY.PASSWORD_REJECTED)',
    },
  })
  async create(
    @Caller() caller: CallerRef,
    @Body(new ZodPipe(createUserSchema)) body: CreateUserInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    assertManagesUsers(await this.access.forCaller(caller), 'user.create');
    const user = await this.createUser.execute(body);
    withEtag(reply, user).header('location', `/api/identity/users/${user.id}`);
    return user;
  }

  @Get()
  @Operation({
    summary: 'List users by e-mail address, page by page',
    query: listUsersQuerySchema,
    response: { schema: userPageSchema },
    problems: FORBIDDEN,
  })
  async list(@Caller() caller: CallerRef, @Query(new ZodPipe(listUsersQuerySchema)) query: ListUsersQuery) {
    assertManagesUsers(await this.access.forCaller(caller), 'user.list');
    return this.queries.list(query);
  }

  @Get(':id')
  @Operation({
    summary: 'Get a user',
    params: userIdParamsSchema,
    response: { schema: userResponseSchema },
    problems: NOT_FOUND,
  })
  async get(
    @Caller() caller: CallerRef,
    @Param('id', new ZodPipe(userIdSchema)) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    assertUserVisible(await this.access.forCaller(caller), id, 'user.read');
    const user = await this.queries.get(id);
    withEtag(reply, user);
    return user;
  }

  @Patch(':id')
  @Operation({
    summary: "Change a user's profile (e-mail, display name, locale, time zone)",
    params: userIdParamsSchema,
    body: updateUserSchema,
    headers: IF_MATCH_REQUIRED,
    response: { schema: userResponseSchema },
    problems: {
      ...NOT_FOUND,
      409: 'Stale If-Match (PLATFORM.VERSION_CONFLICT) or e-mail taken (IDENTITY.EMAIL_TAKEN)',
      428: 'If-Match missing (PLATFORM.PRECONDITION_REQUIRED)',
    },
  })
  async update(
    @Caller() caller: CallerRef,
    @Param('id', new ZodPipe(userIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(updateUserSchema)) body: UpdateUserInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // Everybody changes their own profile; someone else's is an administrative change.
    const access = await this.access.forCaller(caller);
    if (id !== access.userId) await this.administer(access, id, 'user.update');
    const user = await this.updateUser.execute(id, versionFromIfMatch(ifMatch), body);
    withEtag(reply, user);
    return user;
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Operation({
    summary: 'Disable a user: no more logins or refreshes, every session ended',
    params: userIdParamsSchema,
    headers: IF_MATCH_OPTIONAL,
    response: { schema: userResponseSchema },
    problems: { ...NOT_FOUND, ...FORBIDDEN, 409: 'Stale If-Match (PLATFORM.VERSION_CONFLICT)' },
  })
  async disable(
    @Caller() caller: CallerRef,
    @Param('id', new ZodPipe(userIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.administer(await this.access.forCaller(caller), id, 'user.disable');
    const user = await this.disableUser.execute(id, optionalVersionFromIfMatch(ifMatch));
    withEtag(reply, user);
    return user;
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Operation({
    summary: 'Enable a disabled user again: active when they have a way to sign in, else invited anew',
    params: userIdParamsSchema,
    headers: IF_MATCH_OPTIONAL,
    response: { schema: userResponseSchema },
    problems: { ...NOT_FOUND, ...FORBIDDEN, 409: 'Stale If-Match (PLATFORM.VERSION_CONFLICT)' },
  })
  async enable(
    @Caller() caller: CallerRef,
    @Param('id', new ZodPipe(userIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.administer(await this.access.forCaller(caller), id, 'user.enable');
    const user = await this.enableUser.execute(id, optionalVersionFromIfMatch(ifMatch));
    withEtag(reply, user);
    return user;
  }

  @Post(':id/invitation')
  @HttpCode(201)
  @Operation({
    summary: 'Issue a new invitation token for an invited user (earlier ones stop working)',
    params: userIdParamsSchema,
    response: { status: 201, schema: invitationResponseSchema },
    problems: { ...NOT_FOUND, ...FORBIDDEN, 409: 'The user is not invited (IDENTITY.USER_NOT_INVITED)' },
  })
  async invite(@Caller() caller: CallerRef, @Param('id', new ZodPipe(userIdSchema)) id: string) {
    await this.administer(await this.access.forCaller(caller), id, 'user.invite');
    return this.issueInvitation.execute(id);
  }

  private async administer(access: CallerAccess, id: string, operation: string): Promise<void> {
    // Visibility first: a caller who may not see the user must not learn from a 404 or 403 whether it exists.
    assertUserVisible(access, id, operation);
    assertMayAdminister(access, await this.queries.get(id), operation);
  }
}
