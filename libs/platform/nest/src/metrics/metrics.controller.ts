import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { METRICS_REGISTRY } from '../core/tokens';

/** Prometheus exposition. Public like health: scrape it from inside the cluster network only. */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  async metrics(@Res() reply: FastifyReply) {
    void reply.header('content-type', this.registry.contentType).send(await this.registry.metrics());
  }
}
