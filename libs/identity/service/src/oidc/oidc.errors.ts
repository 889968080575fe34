import { defineErrors } from '@steerco/platform-errors';

/** Single sign-on failures, under the identity service's prefix. */
export const OidcErrors = defineErrors('IDENTITY', {
  OIDC_PROVIDER_NOT_FOUND: { status: 404, title: 'No such single sign-on provider' },
  OIDC_PROVIDER_IN_USE: {
    status: 409,
    title: 'Users sign in through this provider; disable it instead of deleting it',
  },
  OIDC_GROUP_MAPPING_NOT_FOUND: { status: 404, title: 'No such group mapping' },
  OIDC_GROUP_MAPPING_EXISTS: { status: 409, title: 'This group already maps to this role on this node' },
  OIDC_ROLE_UNKNOWN: { status: 422, title: 'The role is neither a built-in role nor a custom role' },
  OIDC_ISSUER_REFUSED: { status: 422, title: 'The issuer URL is not acceptable' },
  OIDC_NOT_CONFIGURED: { status: 503, title: 'Single sign-on needs IDENTITY_PUBLIC_URL' },
  OIDC_PROVIDER_DISABLED: { status: 404, title: 'No such enabled single sign-on provider' },
  OIDC_RETURN_TO_REFUSED: { status: 400, title: 'returnTo must be a path on this site' },
  // One answer for an unknown, expired, used or foreign state: the callback reveals nothing more.
  OIDC_STATE_INVALID: { status: 401, title: 'The sign-in attempt is unknown, expired or already used' },
  OIDC_LOGIN_FAILED: { status: 401, title: 'The provider did not prove who you are' },
  OIDC_USER_REFUSED: { status: 403, title: 'This account may not sign in' },
  OIDC_PROVIDER_UNREACHABLE: { status: 502, title: 'The single sign-on provider could not be reached' },
  PLATFORM_ADMIN_REQUIRED: { status: 403, title: 'Only a platform administrator may do this' },
});
