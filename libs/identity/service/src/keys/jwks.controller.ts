import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Operation, Public } from '@steerco/platform-nest';
import { KeyStore } from './key-store';

const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

/** The public keys every service verifies access tokens with (AUTH_JWKS_URL points here). */
@Public()
@Controller('api/identity/.well-known')
export class JwksController {
  constructor(private readonly keys: KeyStore) {}

  @Get('jwks.json')
  @Operation({
    summary: 'JSON Web Key Set: the active signing key and recently retired ones',
    response: { schema: jwksSchema },
  })
  async jwks(@Res({ passthrough: true }) reply: FastifyReply) {
    // Short: a new key must reach verifiers soon; they also refetch on an unknown kid.
    reply.header('cache-control', 'public, max-age=60');
    // The first request of a new installation creates the first key, so the set is never empty.
    await this.keys.signingKey();
    return { keys: await this.keys.publicKeys() };
  }
}
