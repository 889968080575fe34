import { httpUrlSchema, variable } from '@steerco/platform-config';

/** Single sign-on's variables, part of identityVariables (docs/configuration.md). */
export const oidcVariables = {
  IDENTITY_PUBLIC_URL: variable({
    // A trailing slash would double the one in front of the callback path.
    schema: httpUrlSchema.transform((url) => url.replace(/\/+$/, '')).optional(),
    description:
      'Address browsers reach Steerco at (e.g. https://steerco.acme.com); OIDC providers send users back to /api/identity/auth/oidc/callback under it. Unset: single sign-on is off.',
  }),
};

export const OIDC_CALLBACK_PATH = '/api/identity/auth/oidc/callback';

/** The redirect_uri registered at every provider; null when single sign-on is not configured. */
export function oidcRedirectUri(publicUrl: string | undefined): string | null {
  return publicUrl === undefined ? null : `${publicUrl}${OIDC_CALLBACK_PATH}`;
}
