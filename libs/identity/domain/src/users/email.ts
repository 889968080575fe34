/**
 * The form an e-mail address is compared and stored in: trimmed and lower-cased. RFC 5321 lets the local part
 * be case-sensitive, but no mail system in practice treats `Ann@x` and `ann@x` as two people, and treating
 * them as one is what makes the address a safe login name.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The part before the `@`, which the password policy also refuses as a password. */
export function localPartOf(email: string): string {
  const normalized = normalizeEmail(email);
  const at = normalized.lastIndexOf('@');
  return at > 0 ? normalized.slice(0, at) : normalized;
}
