/** What Steerco takes from a provider's claims about the person signing in. */
export interface SsoClaims {
  subject: string;
  /** Lower-cased; absent when the provider sent none. */
  email?: string;
  /** Only a boolean true counts: an address the provider did not verify never links to an existing user. */
  emailVerified: boolean;
  displayName: string;
  groups: string[];
  /** RFC 8176 methods the provider reports (ID token only); empty when it reports none. */
  amr: string[];
}

const MAX_DISPLAY_NAME = 200;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];

/**
 * Reads the claims of the validated ID token, completed by the UserInfo answer (whose `sub` openid-client
 * has checked against the ID token's). The ID token wins where both say something. A group claim holding a
 * single string is one group; anything but strings is ignored.
 */
export function readSsoClaims(
  idToken: Record<string, unknown>,
  userInfo: Record<string, unknown>,
  groupClaim: string,
): SsoClaims {
  const claims = { ...userInfo, ...idToken };
  const email = text(claims.email)?.toLowerCase();
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  const displayName =
    text(claims.name) ?? (given || undefined) ?? text(claims.preferred_username) ?? email?.split('@')[0];
  const rawGroups = claims[groupClaim];
  return {
    subject: String(idToken.sub),
    email,
    emailVerified: claims.email_verified === true,
    displayName: (displayName ?? 'Single sign-on user').slice(0, MAX_DISPLAY_NAME),
    groups: [...new Set(typeof rawGroups === 'string' ? [rawGroups] : strings(rawGroups))],
    amr: strings(idToken.amr),
  };
}
