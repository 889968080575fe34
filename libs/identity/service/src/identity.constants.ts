/** The identity service's own PostgreSQL schema. */
export const IDENTITY_SCHEMA = 'identity';
export const IDENTITY_SERVICE = 'identity' as const;
/** The service's URL prefix; the JWKS path under it is what AUTH_JWKS_URL points to. */
export const IDENTITY_API = 'api/identity';
export const JWKS_PATH = `/${IDENTITY_API}/.well-known/jwks.json`;
