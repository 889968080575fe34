import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { NodeSnapshot } from '@steerco/contracts';
import { IF_MATCH_REQUIRED, Operation, versionFromIfMatch, withEtag, ZodPipe } from '@steerco/platform-nest';
import {
  ancestorsResponseSchema,
  archiveNodeSchema,
  childrenQuerySchema,
  moveNodeSchema,
  nodeIdParamsSchema,
  nodeIdSchema,
  nodePageSchema,
  nodeResponseSchema,
  subtreeQuerySchema,
  type ArchiveNodeInput,
  type ChildrenQuery,
  type MoveNodeInput,
  type SubtreeQuery,
} from './dto/node.dto';
import { HierarchyAccess, type CallerAccess } from '../access/hierarchy-access';
import { visibleFields } from '../access/node-permissions';
import { NodeQueries } from './node.queries';
import { ArchiveNodeUseCase } from './usecases/archive-node/archive-node.usecase';
import { MoveNodeUseCase } from './usecases/move-node/move-node.usecase';
import { UnarchiveNodeUseCase } from './usecases/unarchive-node/unarchive-node.usecase';
import { DenialAuditInterceptor } from '../access/denial-audit.interceptor';

const WRITE_PROBLEMS = {
  404: 'No such node (HIERARCHY.NODE_NOT_FOUND)',
  409: 'Stale If-Match (PLATFORM.VERSION_CONFLICT)',
  428: 'If-Match missing (PLATFORM.PRECONDITION_REQUIRED)',
};

/** The tree around a node: where it sits (ancestors, children, subtree) and moving or archiving it. */
@UseInterceptors(DenialAuditInterceptor)
@Controller('api/hierarchy/nodes/:id')
export class NodeTreeController {
  constructor(
    private readonly moveNode: MoveNodeUseCase,
    private readonly archiveNode: ArchiveNodeUseCase,
    private readonly unarchiveNode: UnarchiveNodeUseCase,
    private readonly queries: NodeQueries,
    private readonly access: HierarchyAccess,
  ) {}

  @Post('move')
  @HttpCode(200)
  @Operation({
    summary: 'Move a node, with its whole subtree, under another parent of the level above',
    params: nodeIdParamsSchema,
    body: moveNodeSchema,
    headers: IF_MATCH_REQUIRED,
    response: { schema: nodeResponseSchema },
    problems: { ...WRITE_PROBLEMS, 422: 'Level rule, own subtree, archived node (HIERARCHY.*)' },
  })
  async move(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(moveNodeSchema)) body: MoveNodeInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.caller();
    return visibleWithEtag(
      reply,
      access,
      await this.moveNode.execute(access, id, versionFromIfMatch(ifMatch), body.parentId),
    );
  }

  @Post('archive')
  @HttpCode(200)
  @Operation({
    summary: 'Archive a node; with active descendants only when cascade is true',
    params: nodeIdParamsSchema,
    body: archiveNodeSchema,
    headers: IF_MATCH_REQUIRED,
    response: { schema: nodeResponseSchema },
    problems: { ...WRITE_PROBLEMS, 422: 'Active descendants without cascade (HIERARCHY.ACTIVE_DESCENDANTS)' },
  })
  async archive(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(archiveNodeSchema)) body: ArchiveNodeInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.caller();
    return visibleWithEtag(
      reply,
      access,
      await this.archiveNode.execute(access, id, versionFromIfMatch(ifMatch), body?.cascade ?? false),
    );
  }

  @Post('unarchive')
  @HttpCode(200)
  @Operation({
    summary: 'Restore an archived node (its parent must be active)',
    params: nodeIdParamsSchema,
    headers: IF_MATCH_REQUIRED,
    response: { schema: nodeResponseSchema },
    problems: { ...WRITE_PROBLEMS, 422: 'Archived parent (HIERARCHY.PARENT_ARCHIVED)' },
  })
  async unarchive(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.caller();
    return visibleWithEtag(
      reply,
      access,
      await this.unarchiveNode.execute(access, id, versionFromIfMatch(ifMatch)),
    );
  }

  @Get('ancestors')
  @Operation({
    summary: 'The breadcrumb from the organization down to the parent',
    params: nodeIdParamsSchema,
    response: { schema: ancestorsResponseSchema },
  })
  async ancestors(@Param('id', new ZodPipe(nodeIdSchema)) id: string) {
    return this.queries.ancestors(await this.access.caller(), id);
  }

  @Get('children')
  @Operation({
    summary: 'Direct children, page by page',
    params: nodeIdParamsSchema,
    query: childrenQuerySchema,
    response: { schema: nodePageSchema },
  })
  async children(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Query(new ZodPipe(childrenQuerySchema)) query: ChildrenQuery,
  ) {
    return this.queries.children(await this.access.caller(), id, query);
  }

  @Get('subtree')
  @Operation({
    summary: 'Every descendant, filtered by level, kind, business unit or text, page by page',
    params: nodeIdParamsSchema,
    query: subtreeQuerySchema,
    response: { schema: nodePageSchema },
  })
  async subtree(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Query(new ZodPipe(subtreeQuerySchema)) query: SubtreeQuery,
  ) {
    return this.queries.subtree(await this.access.caller(), id, query);
  }
}

/** The node as the caller may see it, its version's ETag on the reply. */
function visibleWithEtag(reply: FastifyReply, access: CallerAccess, node: NodeSnapshot) {
  withEtag(reply, node);
  return visibleFields(access, node);
}
