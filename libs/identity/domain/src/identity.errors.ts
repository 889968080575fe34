import { defineErrors } from '@steerco/platform-errors';

export const IdentityErrors = defineErrors('IDENTITY', {
  USER_NOT_FOUND: { status: 404, title: 'User not found' },
  EMAIL_TAKEN: { status: 409, title: 'Another user has this e-mail address' },
  USER_NOT_INVITED: { status: 409, title: 'The user is not waiting for an invitation' },
  PASSWORD_REJECTED: { status: 422, title: 'The password does not meet the password policy' },
  // One answer for an unknown e-mail, a wrong password, an invited or a disabled account: no enumeration.
  INVALID_CREDENTIALS: { status: 401, title: 'The e-mail address or password is wrong' },
  LOGIN_THROTTLED: { status: 429, title: 'Too many failed attempts; wait before trying again' },
  TICKET_INVALID: { status: 401, title: 'The token is unknown, used or expired' },
  MFA_CODE_INVALID: { status: 401, title: 'The code is wrong or was already used' },
  MFA_CONFIRMATION_FAILED: { status: 422, title: 'The code does not match the authenticator being set up' },
  MFA_ALREADY_ENROLLED: { status: 409, title: 'Two-factor authentication is already set up' },
  MFA_NOT_PENDING: { status: 409, title: 'No two-factor set-up is waiting for confirmation' },
  MFA_NOT_ENROLLED: { status: 404, title: 'The user has no two-factor authentication' },
  REFRESH_TOKEN_INVALID: { status: 401, title: 'The refresh token is unknown, expired or revoked' },
  NOT_YOUR_ACCOUNT: { status: 403, title: 'Only the user themselves may do this' },
});
