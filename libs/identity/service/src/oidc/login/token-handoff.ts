import type { TokenPair } from '../../sessions/session-starter';

/**
 * The tokens travel to the web app in the fragment of the returnTo URL: a fragment is never sent to a server,
 * so it stays out of access logs, proxies and Referer headers. The app reads it and removes it from the
 * address bar (history.replaceState) at once. API clients ask for JSON instead (ADR 0010).
 */
export function tokenFragment(tokens: TokenPair): string {
  return new URLSearchParams({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresIn: String(tokens.expiresIn),
    tokenType: 'Bearer',
  }).toString();
}

/** JSON when the client asks for it and does not prefer HTML (a browser's navigation sends text/html first). */
export function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  const json = types.indexOf('application/json');
  const html = types.indexOf('text/html');
  return json !== -1 && (html === -1 || json < html);
}
