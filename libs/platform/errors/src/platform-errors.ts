import { defineErrors } from './app-error';

export const PlatformErrors = defineErrors('PLATFORM', {
  MALFORMED_REQUEST: { status: 400, title: 'The request could not be read' },
  VALIDATION_FAILED: { status: 400, title: 'The request has invalid fields' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  VERSION_CONFLICT: { status: 409, title: 'The resource was changed by someone else' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  PRECONDITION_REQUIRED: { status: 428, title: 'An If-Match header is required' },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  UNAVAILABLE: { status: 503, title: 'Service unavailable' },
});
