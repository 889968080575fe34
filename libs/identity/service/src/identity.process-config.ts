import type { PlatformConfig } from '@steerco/platform-nest';
import { JWKS_PATH } from './identity.constants';

/**
 * A process hosting the identity service verifies the tokens it issues like every other service does:
 * through its JWKS. Without AUTH_JWKS_URL or AUTH_PUBLIC_KEY it uses its own JWKS on the loopback
 * interface, which it serves itself (fetched on the first request that carries a token, so after listening).
 */
export function verifyWithOwnJwks<C extends PlatformConfig>(config: C): C {
  if (config.AUTH_JWKS_URL || config.AUTH_PUBLIC_KEY) return config;
  return { ...config, AUTH_JWKS_URL: `http://127.0.0.1:${config.PORT}${JWKS_PATH}` };
}
