import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export interface OperationSpec {
  summary: string;
  description?: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  params?: z.ZodObject;
  /** The success response body and its status (200 unless given). */
  response?: { status?: number; schema?: z.ZodType; description?: string };
  /** Problem codes this operation may answer with, besides the platform's. */
  problems?: Record<number, string>;
  /** Request headers the operation reads, e.g. If-Match. */
  headers?: Record<string, { required: boolean; description: string }>;
}

export const OPERATION = 'steerco:operation';

/** Describes a route for the service's OpenAPI document, with the same zod schemas that validate it. */
export const Operation = (spec: OperationSpec) => SetMetadata(OPERATION, spec);
