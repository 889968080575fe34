import { PlatformErrors } from '@steerco/platform-errors';

/** Strong ETag of an aggregate version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version a client claims to have changed, from `If-Match`. A write without it is refused (428): a lost
 * update is worse than an extra header.
 */
export function versionFromIfMatch(header: string | undefined): number {
  if (!header) throw PlatformErrors.PRECONDITION_REQUIRED('Send If-Match with the ETag you read.');
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(header.trim());
  if (!match) {
    throw PlatformErrors.VALIDATION_FAILED('If-Match is not an ETag of this resource.', [
      { field: 'headers.if-match', message: 'expected an ETag such as "3"' },
    ]);
  }
  return Number(match[1]);
}

/** A reply that takes headers (Fastify's), kept structural so this file needs no HTTP framework. */
interface HeaderSink {
  header(name: string, value: string): this;
}

/** Sets the ETag of `resource`'s version on the reply, when it has one (a built-in role has none). */
export function withEtag<R extends HeaderSink>(reply: R, resource: { version: number | null }): R {
  return resource.version === null ? reply : reply.header('etag', etagOf(resource.version));
}

/** `versionFromIfMatch` for commands where If-Match is optional: no header, no version check. */
export function optionalVersionFromIfMatch(header: string | undefined): number | undefined {
  return header === undefined ? undefined : versionFromIfMatch(header);
}

/** `@Operation({ headers })` of a write that requires If-Match (see versionFromIfMatch). */
export const IF_MATCH_REQUIRED = {
  'If-Match': { required: true, description: 'The ETag of the version you read' },
};

/** `@Operation({ headers })` of a write where If-Match is optional (see optionalVersionFromIfMatch). */
export const IF_MATCH_OPTIONAL = {
  'If-Match': { required: false, description: 'When sent, the change applies only to that version' },
};
