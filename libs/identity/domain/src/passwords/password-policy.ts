import type { FieldError } from '@steerco/platform-errors';
import { IdentityErrors } from '../identity.errors';
import { localPartOf, normalizeEmail } from '../users/email';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 hashes any length, but an unbounded input is a cheap way to make the server work. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * A common password with digits or symbols around it (`Sunshine2024!`) is as guessable as the word itself:
 * guessing tools try exactly these decorations first.
 */
function undecorated(password: string): string {
  return password.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, '');
}

/**
 * What is wrong with a password, in words a person can act on; empty when it is acceptable. Follows NIST SP
 * 800-63B: a minimum length and a block list, no composition rules (they make passwords harder to remember,
 * not to guess). Length counts code points, so a passphrase in any script is measured fairly.
 */
export function passwordProblems(password: string, context: { email?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`use at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (context.email) {
    const email = normalizeEmail(context.email);
    const local = localPartOf(email);
    if (lower === email || lower.includes(local) || undecorated(password) === undecorated(local)) {
      problems.push('do not use your e-mail address or its name part');
    }
  }
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(undecorated(password))) {
    problems.push('this password is among the most common ones; choose another');
  }
  return problems;
}

/** Throws IDENTITY.PASSWORD_REJECTED naming `field` with every problem of the password. */
export function assertPasswordAcceptable(password: string, field: string, context: { email?: string } = {}) {
  const problems = passwordProblems(password, context);
  if (problems.length > 0) {
    const fields: FieldError[] = problems.map((message) => ({ field, message }));
    throw IdentityErrors.PASSWORD_REJECTED(`The password is not acceptable: ${problems.join('; ')}.`, fields);
  }
}
