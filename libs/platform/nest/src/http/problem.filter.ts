import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@steerco/platform-observability';
import { toAppError } from '../errors/problem-details';
import { LOGGER } from '../core/tokens';
import { logFailure, sendProblem } from './request-hooks';

/** Every error thrown inside Nest (guards, pipes, handlers) leaves as RFC 9457 problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const { appError, expected } = toAppError(error);
    logFailure(this.logger, error, appError, expected);
    sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), appError);
  }
}
