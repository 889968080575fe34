export interface FieldError {
  /** JSON-pointer-like path of the failing field, e.g. `body.title` or `params.id`. */
  field: string;
  message: string;
}

export interface ErrorSpec {
  status: number;
  title: string;
}

/**
 * Every expected failure is an AppError with a stable code (`MODULE.REASON`) that clients may switch on, and
 * the HTTP status and title its module declared for it. Unexpected errors never become AppErrors: they
 * surface as 500 PLATFORM.INTERNAL with nothing of their message leaked.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly fields: FieldError[] = [],
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export type ErrorFactory = (detail?: string, fields?: FieldError[]) => AppError;

/**
 * Declares a module's error codes once. Each code maps to exactly one status, so the mapping is exhaustive by
 * construction: there is no code without a status.
 */
export function defineErrors<const M extends string, const T extends Record<string, ErrorSpec>>(
  module: M,
  specs: T,
): { [K in keyof T]: ErrorFactory } & { codes: { [K in keyof T]: `${M}.${K & string}` } } {
  const factories: Record<string, unknown> = {};
  const codes: Record<string, string> = {};
  for (const [reason, spec] of Object.entries(specs)) {
    const code = `${module}.${reason}`;
    codes[reason] = code;
    factories[reason] = (detail?: string, fields: FieldError[] = []) =>
      new AppError(code, spec.status, spec.title, detail ?? spec.title, fields);
  }
  return { ...factories, codes } as never;
}
