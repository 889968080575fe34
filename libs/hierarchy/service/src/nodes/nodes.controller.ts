import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { NodeSnapshot } from '@steerco/contracts';
import { etagOf, Operation, versionFromIfMatch, ZodPipe } from '@steerco/platform-nest';
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
import { NodeQueries } from './node.queries';
import { CreateNodeUseCase } from './usecases/create-node/create-node.usecase';
import { UpdateNodeUseCase } from './usecases/update-node/update-node.usecase';

const NOT_FOUND = { 404: 'No such node (HIERARCHY.NODE_NOT_FOUND)' };

@Controller('api/hierarchy/nodes')
export class NodesController {
  constructor(
    private readonly createNode: CreateNodeUseCase,
    private readonly updateNode: UpdateNodeUseCase,
    private readonly queries: NodeQueries,
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
    const node = await this.createNode.execute(body);
    this.withEtag(reply, node).header('location', `/api/hierarchy/nodes/${node.id}`);
    return node;
  }

  @Get()
  @Operation({
    summary: 'List nodes (children of a parent, a level, or a search)',
    query: listNodesQuerySchema,
    response: { schema: nodePageSchema },
  })
  list(@Query(new ZodPipe(listNodesQuerySchema)) query: ListNodesQuery) {
    return this.queries.list(query);
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
    const node = await this.queries.get(id);
    this.withEtag(reply, node);
    return node;
  }

  @Patch(':id')
  @Operation({
    summary: 'Change attributes of a node',
    params: nodeIdParamsSchema,
    body: updateNodeSchema,
    headers: { 'If-Match': { required: true, description: 'The ETag of the version you read' } },
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
    const node = await this.updateNode.execute(id, versionFromIfMatch(ifMatch), body);
    this.withEtag(reply, node);
    return node;
  }

  @Get(':id/history')
  @Operation({
    summary: "The node's audit trail",
    params: nodeIdParamsSchema,
    response: { schema: historyResponseSchema },
    problems: NOT_FOUND,
  })
  history(@Param('id', new ZodPipe(nodeIdSchema)) id: string) {
    return this.queries.history(id);
  }

  private withEtag(reply: FastifyReply, node: NodeSnapshot): FastifyReply {
    return reply.header('etag', etagOf(node.version));
  }
}
