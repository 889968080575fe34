import { HttpException } from '@nestjs/common';
import { AppError, PlatformErrors, type FieldError } from '@steerco/platform-errors';

/** RFC 9457 problem details, with Steerco's stable `code`, the failing fields and the correlation id. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  errors?: FieldError[];
  correlationId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Framework (Fastify) error codes that are the client's fault, and what they mean to a client. */
const FRAMEWORK_ERRORS: Record<string, () => AppError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => PlatformErrors.PAYLOAD_TOO_LARGE(),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => PlatformErrors.UNSUPPORTED_MEDIA_TYPE('Send application/json.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => PlatformErrors.MALFORMED_REQUEST('The JSON body is empty.'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => PlatformErrors.MALFORMED_REQUEST('The body is not valid JSON.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    PlatformErrors.MALFORMED_REQUEST('Content-Length does not match the body.'),
};

/** Turns anything thrown while serving a request into an AppError; `expected` says whether it was one. */
export function toAppError(error: unknown): { appError: AppError; expected: boolean } {
  if (error instanceof AppError) return { appError: error, expected: true };
  const code = (error as { code?: string })?.code;
  if (code && FRAMEWORK_ERRORS[code]) return { appError: FRAMEWORK_ERRORS[code](), expected: true };
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return { appError: PlatformErrors.MALFORMED_REQUEST('The body is not valid JSON.'), expected: true };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return { appError: PlatformErrors.NOT_FOUND('No such route.'), expected: true };
    if (status === 405) return { appError: PlatformErrors.METHOD_NOT_ALLOWED(), expected: true };
    if (status === 413) return { appError: PlatformErrors.PAYLOAD_TOO_LARGE(), expected: true };
    if (status === 415)
      return { appError: PlatformErrors.UNSUPPORTED_MEDIA_TYPE('Send application/json.'), expected: true };
    if (status < 500) return { appError: PlatformErrors.MALFORMED_REQUEST(error.message), expected: true };
  }
  const statusCode = (error as { statusCode?: number })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    if (statusCode === 413) return { appError: PlatformErrors.PAYLOAD_TOO_LARGE(), expected: true };
    if (statusCode === 415) return { appError: PlatformErrors.UNSUPPORTED_MEDIA_TYPE(), expected: true };
    return { appError: PlatformErrors.MALFORMED_REQUEST(), expected: true };
  }
  return {
    appError: PlatformErrors.INTERNAL('An unexpected error occurred; quote the correlation id.'),
    expected: false,
  };
}

export function toProblem(
  error: AppError,
  instance: string | undefined,
  correlationId: string | undefined,
): ProblemDetails {
  return {
    type: `https://steerco.dev/problems/${error.code.toLowerCase().replace(/[._]/g, '-')}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    instance,
    code: error.code,
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
    correlationId,
  };
}
