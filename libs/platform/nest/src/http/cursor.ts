import { z } from 'zod';
import { PlatformErrors } from '@steerco/platform-errors';

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export const limitSchema = z.coerce.number().int().min(1).max(500).default(50);

export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * Decodes an opaque cursor against the shape the endpoint expects. A tampered or foreign cursor is a 400 on
 * `query.cursor` as a whole: its inner structure is not part of the API.
 */
export function decodeCursor<S extends z.ZodType>(
  cursor: string | undefined,
  schema: S,
): z.output<S> | undefined {
  if (cursor === undefined) return undefined;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  const parsed = schema.safeParse(position);
  if (!parsed.success) {
    throw PlatformErrors.VALIDATION_FAILED('The cursor is not one this endpoint issued.', [
      { field: 'query.cursor', message: 'not a cursor issued by this endpoint' },
    ]);
  }
  return parsed.data;
}
