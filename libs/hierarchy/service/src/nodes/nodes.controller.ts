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
import { IF_MATCH_REQUIRED, Operation, versionFromIfMatch, withEtag, ZodPipe } from '@steerco/platform-nest';
import {
  createNodeSchema,
  historyResponseSchema,
  listNodesQuerySchema,
  nodeIdParamsSchema,
  nodeIdSchema,
  nodePageSchema,
  nodeResponseSchema,
  updateNodeSchema,
  type CreateNodeInput,
  type ListNodesQuery,
  type UpdateNodeInput,
} from './dto/node.dto';
import { HierarchyAccess } from '../access/hierarchy-access';
import { visibleFields } from '../access/node-permissions';
import { NodeQueries } from './node.queries';
import { CreateNodeUseCase } from './usecases/create-node/create-node.usecase';
import { UpdateNodeUseCase } from './usecases/update-node/update-node.usecase';
import { DenialAuditInterceptor } from '../access/denial-audit.interceptor';

const NOT_FOUND = { 404: 'No such node (HIERARCHY.NODE_NOT_FOUND)' };

@UseInterceptors(DenialAuditInterceptor)
@Controller('api/hierarchy/nodes')
export class NodesController {
  constructor(
    private readonly createNode: CreateNodeUseCase,
    private readonly updateNode: UpdateNodeUseCase,
    private readonly queries: NodeQueries,
    private readonly access: HierarchyAccess,
  ) {}

  @Post()
  @HttpCode(201)
  @Operation({
    summary: 'Create a node under its parent',
    body: createNodeSchema,
    response: {
      status: 201,
      schema: nodeResponseSchema,
      description: 'The created node; ETag carries its version',
    },
    problems: { 422: 'Level rule, missing or archived parent, field not applicable (HIERARCHY.*)' },
  })
  async create(
    @Body(new ZodPipe(createNodeSchema)) body: CreateNodeInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.caller();
    const node = await this.createNode.execute(access, body);
    withEtag(reply, node).header('location', `/api/hierarchy/nodes/${node.id}`);
    // A new organization is outside the ability read before it existed; one read after it sees it.
    return visibleFields(node.parentId ? access : await this.access.caller(), node);
  }

  @Get()
  @Operation({
    summary: 'List nodes (children of a parent, a level, or a search)',
    query: listNodesQuerySchema,
    response: { schema: nodePageSchema },
  })
  async list(@Query(new ZodPipe(listNodesQuerySchema)) query: ListNodesQuery) {
    return this.queries.list(await this.access.caller(), query);
  }

  @Get(':id')
  @Operation({
    summary: 'Get a node',
    params: nodeIdParamsSchema,
    response: { schema: nodeResponseSchema },
    problems: NOT_FOUND,
  })
  async get(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.caller();
    const node = await this.queries.visibleNode(access, id);
    withEtag(reply, node);
    return visibleFields(access, node);
  }

  @Patch(':id')
  @Operation({
    summary: 'Change attributes of a node',
    params: nodeIdParamsSchema,
    body: updateNodeSchema,
    headers: IF_MATCH_REQUIRED,
    response: { schema: nodeResponseSchema },
    problems: {
      ...NOT_FOUND,
      409: 'Stale If-Match (PLATFORM.VERSION_CONFLICT)',
      428: 'If-Match missing (PLATFORM.PRECONDITION_REQUIRED)',
    },
  })
  async update(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(updateNodeSchema)) body: UpdateNodeInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.caller();
    const node = await this.updateNode.execute(access, id, versionFromIfMatch(ifMatch), body);
    withEtag(reply, node);
    return visibleFields(access, node);
  }

  @Get(':id/history')
  @Operation({
    summary: "The node's audit trail",
    params: nodeIdParamsSchema,
    response: { schema: historyResponseSchema },
    problems: NOT_FOUND,
  })
  async history(@Param('id', new ZodPipe(nodeIdSchema)) id: string) {
    return this.queries.history(await this.access.caller(), id);
  }
}
