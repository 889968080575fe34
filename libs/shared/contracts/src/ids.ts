const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a string is a UUID, the form of every Steerco id. Check before binding an untrusted string
 * (a token subject, a role key that may be built in) to a `uuid` column: PostgreSQL refuses a malformed
 * one with an error, not with no rows.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
