import { RequestMethod } from '@nestjs/common';
import { z } from 'zod';
import type { OperationSpec } from './operation.decorator';

export interface DiscoveredRoute {
  method: RequestMethod;
  path: string;
  spec?: OperationSpec;
  isPublic: boolean;
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'Stable error code, e.g. PLATFORM.VALIDATION_FAILED' },
    correlationId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest;
}

function parametersOf(where: 'path' | 'query', schema: z.ZodObject | undefined) {
  if (!schema) return [];
  const shape = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(shape.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (shape.required ?? []).includes(name),
    schema: s,
  }));
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** OpenAPI 3.1 for one service, built from its routes and their zod schemas. */
export function buildOpenApiDocument(service: string, version: string, routes: DiscoveredRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const method = RequestMethod[route.method].toLowerCase();
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const spec = route.spec;
    const status = String(spec?.response?.status ?? 200);
    const responses: Record<string, unknown> = {
      [status]: {
        description: spec?.response?.description ?? 'Success',
        ...(spec?.response?.schema
          ? { content: { 'application/json': { schema: jsonSchema(spec.response.schema, 'output') } } }
          : {}),
      },
      '400': problem(
        'Malformed request or invalid fields (PLATFORM.VALIDATION_FAILED, PLATFORM.MALFORMED_REQUEST)',
      ),
      ...(route.isPublic
        ? {}
        : { '401': problem('Missing or refused access token (PLATFORM.UNAUTHENTICATED)') }),
      ...Object.fromEntries(
        Object.entries(spec?.problems ?? {}).map(([code, description]) => [code, problem(description)]),
      ),
    };
    const headerParams = Object.entries(spec?.headers ?? {}).map(([name, h]) => ({
      name,
      in: 'header',
      required: h.required,
      description: h.description,
      schema: { type: 'string' },
    }));
    (paths[path] ??= {})[method] = {
      operationId: `${method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string) => (c ? c.toUpperCase() : ''))}`,
      summary: spec?.summary,
      description: spec?.description,
      security: route.isPublic ? [] : [{ bearer: [] }],
      parameters: [
        ...parametersOf('path', spec?.params),
        ...parametersOf('query', spec?.query),
        ...headerParams,
      ],
      ...(spec?.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: `Steerco ${service} API`, version },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema },
    },
  };
}
