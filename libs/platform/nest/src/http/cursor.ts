import { z } from 'zod';
import { parseOrThrow } from './zod-validation';

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export const limitSchema = z.coerce.number().int().min(1).max(500).default(50);

export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes an opaque cursor against the shape the endpoint expects; a tampered cursor is a 400. */
export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, schema: S): z.output<S> | undefined {
  if (cursor === undefined) return undefined;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  return parseOrThrow(schema, position, 'query.cursor');
}
