export const OIDC_LOGIN_PATH = '/api/identity/auth/oidc/login';
