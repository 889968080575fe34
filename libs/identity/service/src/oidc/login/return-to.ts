import { OidcErrors } from '../oidc.errors';

const PROBE_ORIGIN = 'https://steerco.invalid';

/**
 * Where the browser goes after the sign-in: a path on this site only, never another origin (an open
 * redirect would hand the tokens in the fragment to whoever wrote the link). Browsers read `//evil.example`
 * and `/\evil.example` as other hosts, so the value must start with one slash followed by something else, and
 * must resolve, against any origin, to that same origin. The fragment is dropped: the tokens go there.
 */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || value === '') return '/';
  const refused = () =>
    OidcErrors.OIDC_RETURN_TO_REFUSED('Give a path such as /portfolio/42.', [
      { field: 'query.returnTo', message: 'must be a path starting with a single /' },
    ]);
  // Control characters and backslashes are stripped or turned into slashes by URL parsers: refuse them.
  if (value.length > 2000 || !value.startsWith('/') || value.includes('\\') || hasControlCharacter(value)) {
    throw refused();
  }
  if (value.startsWith('//')) throw refused();
  const resolved = new URL(value, PROBE_ORIGIN);
  if (resolved.origin !== PROBE_ORIGIN) throw refused();
  return `${resolved.pathname}${resolved.search}`;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
