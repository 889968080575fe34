import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { UserSnapshot } from '@steerco/contracts';
import { etagOf, Operation, versionFromIfMatch, ZodPipe } from '@steerco/platform-nest';
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
import { IssueInvitationUseCase } from './usecases/issue-invitation.usecase';
import { UpdateUserUseCase } from './usecases/update-user.usecase';
import { UserQueries } from './user.queries';

const NOT_FOUND = { 404: 'No such user (IDENTITY.USER_NOT_FOUND)' };

/**
 * User administration. Any authenticated caller may use it until authorization exists (issue 4, section 3):
 * then these routes need the manage-users permission.
 */
@Controller('api/identity/users')
export class UsersController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
    private readonly disableUser: DisableUserUseCase,
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
      409: 'E-mail taken (IDENTITY.EMAIL_TAKEN)',
      422: 'Password policy (IDENTITY.PASSWORD_REJECTED)',
    },
  })
  async create(
    @Body(new ZodPipe(createUserSchema)) body: CreateUserInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const user = await this.createUser.execute(body);
    withEtag(reply, user).header('location', `/api/identity/users/${user.id}`);
    return user;
  }

  @Get()
  @Operation({
    summary: 'List users by e-mail address, page by page',
    query: listUsersQuerySchema,
    response: { schema: userPageSchema },
  })
  list(@Query(new ZodPipe(listUsersQuerySchema)) query: ListUsersQuery) {
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
    @Param('id', new ZodPipe(userIdSchema)) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const user = await this.queries.get(id);
    withEtag(reply, user);
    return user;
  }

  @Patch(':id')
  @Operation({
    summary: "Change a user's profile (e-mail, display name, locale, time zone)",
    params: userIdParamsSchema,
    body: updateUserSchema,
    headers: { 'If-Match': { required: true, description: 'The ETag of the version you read' } },
    response: { schema: userResponseSchema },
    problems: {
      ...NOT_FOUND,
      409: 'Stale If-Match (PLATFORM.VERSION_CONFLICT) or e-mail taken (IDENTITY.EMAIL_TAKEN)',
      428: 'If-Match missing (PLATFORM.PRECONDITION_REQUIRED)',
    },
  })
  async update(
    @Param('id', new ZodPipe(userIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(updateUserSchema)) body: UpdateUserInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const user = await this.updateUser.execute(id, versionFromIfMatch(ifMatch), body);
    withEtag(reply, user);
    return user;
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Operation({
    summary: 'Disable a user: no more logins or refreshes, every session ended',
    params: userIdParamsSchema,
    headers: {
      'If-Match': { required: false, description: 'When sent, the change applies only to that version' },
    },
    response: { schema: userResponseSchema },
    problems: { ...NOT_FOUND, 409: 'Stale If-Match (PLATFORM.VERSION_CONFLICT)' },
  })
  async disable(
    @Param('id', new ZodPipe(userIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const user = await this.disableUser.execute(
      id,
      ifMatch === undefined ? undefined : versionFromIfMatch(ifMatch),
    );
    withEtag(reply, user);
    return user;
  }

  @Post(':id/invitation')
  @HttpCode(201)
  @Operation({
    summary: 'Issue a new invitation token for an invited user (earlier ones stop working)',
    params: userIdParamsSchema,
    response: { status: 201, schema: invitationResponseSchema },
    problems: { ...NOT_FOUND, 409: 'The user is not invited (IDENTITY.USER_NOT_INVITED)' },
  })
  invite(@Param('id', new ZodPipe(userIdSchema)) id: string) {
    return this.issueInvitation.execute(id);
  }
}

function withEtag(reply: FastifyReply, user: UserSnapshot): FastifyReply {
  return reply.header('etag', etagOf(user.version));
}
