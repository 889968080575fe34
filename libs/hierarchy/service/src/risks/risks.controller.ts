import {
  Body,
  Controller,
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
import { Operation, versionFromIfMatch, withEtag, ZodPipe } from '@steerco/platform-nest';
import { nodeIdParamsSchema, nodeIdSchema } from '../nodes/dto/node.dto';
import {
  raiseRiskSchema,
  riskListSchema,
  riskParamsSchema,
  riskResponseSchema,
  updateRiskSchema,
  type RaiseRiskInput,
  type UpdateRiskInput,
} from './risk.dto';
import { RiskUseCases } from './risk.usecases';

import { HierarchyAccess } from '../access/hierarchy-access';
import { DenialAuditInterceptor } from '../access/denial-audit.interceptor';
@UseInterceptors(DenialAuditInterceptor)
@Controller('api/hierarchy/nodes/:id/risks')
export class RisksController {
  constructor(
    private readonly risks: RiskUseCases,
    private readonly access: HierarchyAccess,
  ) {}

  @Get()
  @Operation({
    summary: 'Risks of a node, open and closed',
    params: nodeIdParamsSchema,
    response: { schema: riskListSchema },
  })
  async list(@Param('id', new ZodPipe(nodeIdSchema)) id: string) {
    return this.risks.list(await this.access.caller(), id);
  }

  @Post()
  @HttpCode(201)
  @Operation({
    summary: 'Raise a risk on a node',
    params: nodeIdParamsSchema,
    body: raiseRiskSchema,
    response: { status: 201, schema: riskResponseSchema },
    problems: { 404: 'No such node', 422: 'Archived node' },
  })
  async raise(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Body(new ZodPipe(raiseRiskSchema)) body: RaiseRiskInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const risk = await this.risks.raise(await this.access.caller(), id, body);
    withEtag(reply, risk);
    return risk;
  }

  @Patch(':riskId')
  @Operation({
    summary: 'Reassess, mitigate, reassign or close a risk',
    params: riskParamsSchema,
    body: updateRiskSchema,
    headers: { 'If-Match': { required: true, description: 'The ETag of the risk version you read' } },
    response: { schema: riskResponseSchema },
    problems: { 404: 'No such risk', 409: 'Stale If-Match', 428: 'If-Match missing' },
  })
  async update(
    @Param('id', new ZodPipe(nodeIdSchema)) id: string,
    @Param('riskId', new ZodPipe(nodeIdSchema)) riskId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodPipe(updateRiskSchema)) body: UpdateRiskInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const risk = await this.risks.update(
      await this.access.caller(),
      id,
      riskId,
      versionFromIfMatch(ifMatch),
      body,
    );
    withEtag(reply, risk);
    return risk;
  }
}
