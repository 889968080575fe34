import { HttpException, NotFoundException } from '@nestjs/common';
import { PlatformErrors } from '@steerco/platform-errors';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { etagOf, versionFromIfMatch } from '../http/etag';
import { toAppError, toProblem } from './problem-details';
import { z } from 'zod';

describe('toAppError', () => {
  it.each([
    [PlatformErrors.VERSION_CONFLICT(), 'PLATFORM.VERSION_CONFLICT', true],
    [
      Object.assign(new Error('too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }),
      'PLATFORM.PAYLOAD_TOO_LARGE',
      true,
    ],
    [
      Object.assign(new Error('bad media'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }),
      'PLATFORM.UNSUPPORTED_MEDIA_TYPE',
      true,
    ],
    [new NotFoundException(), 'PLATFORM.NOT_FOUND', true],
    [new HttpException('Request body is too large', 413), 'PLATFORM.PAYLOAD_TOO_LARGE', true],
    [new TypeError('x is undefined'), 'PLATFORM.INTERNAL', false],
  ] as const)('maps %p to %s', (error, code, expected) => {
    const result = toAppError(error);
    expect(result.appError.code).toBe(code);
    expect(result.expected).toBe(expected);
  });

  it('never leaks the message of an unexpected error', () => {
    const { appError } = toAppError(new Error('password=hunter2 at db.internal'));
    expect(toProblem(appError, '/x', 'c-1')).toEqual({
      type: 'https://steerco.dev/problems/platform-internal',
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred; quote the correlation id.',
      instance: '/x',
      code: 'PLATFORM.INTERNAL',
      correlationId: 'c-1',
    });
  });
});

describe('If-Match and ETags', () => {
  it('round-trips a version, weak or strong', () => {
    expect(versionFromIfMatch(etagOf(12))).toBe(12);
    expect(versionFromIfMatch('W/"3"')).toBe(3);
  });

  it('requires the header and refuses a foreign value', () => {
    expect(() => versionFromIfMatch(undefined)).toThrow(
      expect.objectContaining({ code: 'PLATFORM.PRECONDITION_REQUIRED' }),
    );
    expect(() => versionFromIfMatch('*')).toThrow(
      expect.objectContaining({ code: 'PLATFORM.VALIDATION_FAILED' }),
    );
  });
});

describe('cursors', () => {
  const schema = z.strictObject({ k: z.string() });

  it('decode what they encoded and refuse anything else as a whole', () => {
    expect(decodeCursor(encodeCursor({ k: 'M-000010' }), schema)).toEqual({ k: 'M-000010' });
    expect(decodeCursor(undefined, schema)).toBeUndefined();
    for (const bad of ['%%%', encodeCursor({ k: 1 }), encodeCursor({ k: 'a', admin: 'yes' })]) {
      expect(() => decodeCursor(bad, schema)).toThrow(
        expect.objectContaining({ fields: [{ field: 'query.cursor', message: expect.any(String) }] }),
      );
    }
  });
});
