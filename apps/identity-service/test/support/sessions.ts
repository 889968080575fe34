import { generate } from 'otplib';
import type { IdentityApp } from './identity-app';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './identity-app';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The secret inside an otpauth:// URI, as an authenticator app reads it from the QR code. */
export function secretOf(otpauthUri: string): string {
  return new URL(otpauthUri).searchParams.get('secret') as string;
}

/** The TOTP code of a secret at a given time (now by default), as the person's phone shows it. */
export function totp(secret: string, at = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at / 1000) });
}

/**
 * The first login of the bootstrap admin, whose second factor is mandatory: password, forced TOTP set-up,
 * first code. Returns the session, the TOTP secret and the recovery codes.
 */
export async function adminFirstLogin(t: IdentityApp) {
  const login = await t.call('POST', '/api/identity/auth/login', {
    body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  });
  const { mfaToken, mfaEnrolmentRequired } = login.json<{
    mfaToken: string;
    mfaEnrolmentRequired: boolean;
  }>();
  if (login.status !== 200 || !mfaEnrolmentRequired) throw new Error(`unexpected admin login: ${login.body}`);
  const enrol = await t.call('POST', '/api/identity/auth/mfa/enrol', { body: { mfaToken } });
  const secret = secretOf(enrol.json<{ otpauthUri: string }>().otpauthUri);
  const verify = await t.call('POST', '/api/identity/auth/mfa/verify', {
    body: { mfaToken, code: await totp(secret) },
  });
  if (verify.status !== 200) throw new Error(`admin MFA set-up failed: ${verify.body}`);
  const { recoveryCodes, ...tokens } = verify.json<TokenPair & { recoveryCodes: string[] }>();
  return { tokens, secret, recoveryCodes };
}

/** An active user without a second factor, whose admin-set password has been replaced: logs in in one step. */
export async function createActiveUser(t: IdentityApp, adminToken: string, email: string, password: string) {
  const initial = 'temporary granite 9 pelican';
  const created = await t.call('POST', '/api/identity/users', {
    headers: bearer(adminToken),
    body: { email, displayName: email.split('@')[0], password: initial },
  });
  if (created.status !== 201) throw new Error(`user not created: ${created.body}`);
  const first = await t.call('POST', '/api/identity/auth/login', { body: { email, password: initial } });
  const { passwordChangeToken } = first.json<{ passwordChangeToken: string }>();
  const changed = await t.call('POST', '/api/identity/me/password', {
    body: { passwordChangeToken, newPassword: password },
  });
  if (changed.status !== 204) throw new Error(`password not changed: ${changed.body}`);
  return created.json<{ id: string; email: string; version: number }>();
}

export async function login(
  t: IdentityApp,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return t.call('POST', '/api/identity/auth/login', { body: { email, password }, headers });
}
