import { OidcErrors } from '../oidc.errors';

/**
 * Production talks to providers over TLS only: the issuer's discovery document, keys and token endpoint
 * decide who logs in. Plain http is accepted outside production (a provider on localhost in development and
 * in the tests).
 */
export function assertIssuerAcceptable(issuerUrl: string, environment: string): void {
  const url = new URL(issuerUrl);
  if (url.search || url.hash) {
    throw OidcErrors.OIDC_ISSUER_REFUSED('An issuer identifier has no query or fragment.', [
      { field: 'body.issuerUrl', message: 'no query or fragment' },
    ]);
  }
  if (url.protocol !== 'https:' && environment === 'production') {
    throw OidcErrors.OIDC_ISSUER_REFUSED('Production accepts https issuers only.', [
      { field: 'body.issuerUrl', message: 'must be https' },
    ]);
  }
}
