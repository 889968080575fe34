import type { FastifyRequest } from 'fastify';
import { clientAddress, TrustedProxies } from '@steerco/identity-domain';
import type { IdentityConfig } from '../identity.config';

const NO_PROXIES = new TrustedProxies([]);

/** The caller's address, believing X-Forwarded-For only from IDENTITY_TRUSTED_PROXIES. */
export function clientAddressOf(request: FastifyRequest, config: IdentityConfig): string {
  const header = request.headers['x-forwarded-for'];
  const forwardedFor = Array.isArray(header) ? header.join(',') : header;
  return clientAddress(
    request.socket.remoteAddress ?? 'unknown',
    forwardedFor,
    config.IDENTITY_TRUSTED_PROXIES ?? NO_PROXIES,
  );
}
