import type { FastifyReply } from 'fastify';
import { IdentityErrors } from '@steerco/identity-domain';
import type { AuthOutcome } from './auth-events';

/** Turns an outcome into the answer, after its transaction committed: a value, or a thrown refusal. */
export function answer<T>(outcome: AuthOutcome<T>, reply: FastifyReply): T {
  switch (outcome.kind) {
    case 'done':
      return outcome.value;
    case 'throttled': {
      const seconds = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000));
      reply.header('retry-after', String(seconds));
      throw IdentityErrors.LOGIN_THROTTLED(`Try again in ${seconds} s.`);
    }
    case 'refused':
      throw outcome.error;
  }
}
