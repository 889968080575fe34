import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { HealthRegistry } from './health.registry';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  live() {
    return { status: 'up' };
  }

  /** Every dependency answers and the process is not draining. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply) {
    const { ready, checks } = await this.registry.readiness();
    void reply.status(ready ? 200 : 503).send({ status: ready ? 'up' : 'down', checks });
  }
}
