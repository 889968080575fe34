import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import type { FieldError } from '@steerco/platform-errors';
import { PlatformErrors } from '@steerco/platform-errors';

export function zodIssuesToFields(where: string, error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    // An unknown key is reported once per key, so the client sees exactly which fields to remove.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [where, ...issue.path.map(String), key].join('.'),
        message: 'unknown field',
      }));
    }
    return [{ field: [where, ...issue.path.map(String)].join('.'), message: issue.message }];
  });
}

/** Parses a value against a schema or throws 400 PLATFORM.VALIDATION_FAILED naming every failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw PlatformErrors.VALIDATION_FAILED(
      `The ${where} has invalid fields.`,
      zodIssuesToFields(where, result.error),
    );
  }
  return result.data;
}

/**
 * `@Body(new ZodPipe(schema))`: request input is validated against the same zod schemas the contracts and
 * the OpenAPI document use. Body schemas are strict objects, so unknown fields are refused, not ignored.
 */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform {
  constructor(readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const where = metadata.type === 'custom' ? 'input' : metadata.type === 'param' ? 'params' : metadata.type;
    if (metadata.type === 'param' && metadata.data) {
      return parseOrThrow(this.schema, value, `params.${metadata.data}`);
    }
    if (metadata.type === 'query' && metadata.data) {
      return parseOrThrow(this.schema, value, `query.${metadata.data}`);
    }
    return parseOrThrow(this.schema, value, where);
  }
}
