import { Body, Controller, Delete, Get, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Operation, withEtag, ZodPipe } from '@steerco/platform-nest';
import { nodeIdParamsSchema, nodeIdSchema, nodeResponseSchema } from '../nodes/dto/node.dto';
import {
  addDependencySchema,
  dependenciesResponseSchema,
  dependencyParamsSchema,
  type AddDependencyInput,
} from './dependency.dto';
import { DependencyUseCases } from './usecases';

/** Predecessor/successor links between measures (domain §1). */
import { HierarchyAccess } from '../access/hierarchy-access';
import { visibleFields } from '../access/node-permissions';
import { DenialAuditInterceptor } from '../access/denial-audit.interceptor';
@UseInterceptors(DenialAuditInterceptor)
@Controller('api/hierarchy/nodes/:id/dependencies')
export class DependenciesController {
  constructor(
    private readonly dependencies: DependencyUseCases,
    private readonly access: HierarchyAccess,
  ) {}

  @Get()
  @Operation({
    summary: "A measure's predecessors and successors",
    params: nodeIdParamsSchema,
    response: { schema: dependenciesResponseSchema },
  })
  async list(@Param('id', new ZodPipe(nodeIdSchema)) id: string) {
    return this.dependencies.list(await this.access.caller(), id);
  }

  @Post()
  @Operation({
    summary: 'Make this measure depend on a predecessor measure',
    params: nodeIdParamsSchema,
    body: addDependencySchema,
    response: {
      status: 201,
      schema: nodeResponseSchema,
      description: 'The successor measure, at its new version',
    },
    problems: { 404: 'No such node', 422: 'Not a measure, or a cycle (HIERARCHY.DEPENDENCY_CYCLE)' },
  })
  async add(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Body(new ZodPipe(addDependencySchema)) body: AddDependencyInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.caller();
    const node = await this.dependencies.add(access, id, body.predecessorId);
    withEtag(reply.status(201), node);
    return visibleFields(access, node);
  }

  @Delete(':predecessorId')
  @Operation({
    summary: 'Remove a predecessor link',
    params: dependencyParamsSchema,
    response: { schema: nodeResponseSchema },
    problems: { 404: 'No such node or link' },
  })
  async remove(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Param('predecessorId', new ZodPipe(nodeIdSchema)) predecessorId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const access = await this.access.caller();
    const snapshot = await this.dependencies.remove(access, id, predecessorId);
    const node = visibleFields(access, snapshot);
    withEtag(reply, snapshot);
    return node;
  }
}
