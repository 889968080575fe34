/** What a user still has to do after their password was accepted, before they get a session. */
export type LoginStep =
  /** A generated or admin-set password: it must be replaced first (`POST /me/password`). */
  | 'change-password'
  /** A confirmed second factor: a TOTP or recovery code (`POST /auth/mfa/verify`). */
  | 'verify-mfa'
  /** A second factor is mandatory but none is set up: set one up now (`/auth/mfa/enrol`, then verify). */
  | 'enrol-mfa'
  | 'complete';

export interface LoginFacts {
  mustChangePassword: boolean;
  mfaEnrolled: boolean;
  /** The user's own flag, or any role they currently hold requires a second factor (see LoginUseCase). */
  mfaRequired: boolean;
}

export function nextLoginStep(user: LoginFacts): LoginStep {
  if (user.mustChangePassword) return 'change-password';
  if (user.mfaEnrolled) return 'verify-mfa';
  if (user.mfaRequired) return 'enrol-mfa';
  return 'complete';
}

/** RFC 8176 authentication method references, carried in the access token's `amr` claim. */
export function authenticationMethods(secondFactor: 'otp' | 'recovery-code' | null): string[] {
  if (secondFactor === null) return ['pwd'];
  return secondFactor === 'otp' ? ['pwd', 'otp', 'mfa'] : ['pwd', 'kba', 'mfa'];
}
