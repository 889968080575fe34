import { randomBytes } from 'node:crypto';

/**
 * Ties a sign-in attempt to the browser that started it, so a callback URL (state and code) made by someone
 * else's sign-in and slipped into this browser is refused (login CSRF). The cookie holds random bytes, the
 * attempt row their hash. One value per browser, reused by later attempts, so two tabs signing in at once do
 * not overwrite each other. SameSite=Lax: it must travel on the top-level redirect back from the provider.
 */
export const BINDING_COOKIE = 'steerco_oidc_binding';
const COOKIE_PATH = '/api/identity/auth/oidc';
const LIFETIME_SECONDS = 3600;
const VALUE = /^[A-Za-z0-9_-]{43}$/;

export function bindingFromCookieHeader(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (name === BINDING_COOKIE && VALUE.test(value)) return value;
  }
  return undefined;
}

export function newBinding(): string {
  return randomBytes(32).toString('base64url');
}

export function bindingSetCookie(value: string, secure: boolean): string {
  return [
    `${BINDING_COOKIE}=${value}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${LIFETIME_SECONDS}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
