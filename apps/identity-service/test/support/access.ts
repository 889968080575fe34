import type { IdentityApp } from './identity-app';
import { bearer, createActiveUser, login, secretOf, totp, type TokenPair } from './sessions';

export const PASSWORD = 'quiet orchard 77 lantern';

/** Users for access tests: created by the platform admin, logged in without a second factor. */
export async function newUser(t: IdentityApp, adminToken: string, name: string) {
  const user = await createActiveUser(t, adminToken, `${name}@acme.test`, PASSWORD);
  return { ...user, token: async () => sessionOf(t, user.email) };
}

/** A one-step login (no second factor due); fails loudly otherwise. */
export async function sessionOf(t: IdentityApp, email: string): Promise<string> {
  const response = await login(t, email, PASSWORD);
  const body = response.json<TokenPair>();
  if (response.status !== 200 || !body.accessToken) throw new Error(`login of ${email}: ${response.body}`);
  return body.accessToken;
}

/** A login whose second factor is due but not set up: enrol TOTP inside the login, as the web app does. */
export async function sessionEnrollingMfa(t: IdentityApp, email: string): Promise<string> {
  const response = await login(t, email, PASSWORD);
  const { mfaToken, mfaEnrolmentRequired } = response.json<{
    mfaToken: string;
    mfaEnrolmentRequired: boolean;
  }>();
  if (!mfaEnrolmentRequired) throw new Error(`expected an MFA enrolment for ${email}: ${response.body}`);
  const enrol = await t.call('POST', '/api/identity/auth/mfa/enrol', { body: { mfaToken } });
  const secret = secretOf(enrol.json<{ otpauthUri: string }>().otpauthUri);
  const verify = await t.call('POST', '/api/identity/auth/mfa/verify', {
    body: { mfaToken, code: await totp(secret) },
  });
  if (verify.status !== 200) throw new Error(`MFA enrolment of ${email}: ${verify.body}`);
  return verify.json<TokenPair>().accessToken;
}

export function grant(
  t: IdentityApp,
  token: string,
  body: { userId: string; roleId: string; nodeId: string; validUntil?: string | null },
) {
  return t.call('POST', '/api/identity/role-assignments', { headers: bearer(token), body });
}

/** A custom role that lets its holder assign roles and see overviews where it is assigned, without MFA. */
export const ROLE_MANAGER_GRANTS = [
  { atom: 'manage-roles', tabs: ['settings'] },
  { atom: 'view', tabs: ['overview', 'settings'] },
];

export async function createRole(t: IdentityApp, token: string, body: object) {
  return t.call('POST', '/api/identity/roles', { headers: bearer(token), body });
}
