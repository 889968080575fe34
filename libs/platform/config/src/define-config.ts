import { z } from 'zod';

export interface VariableSpec<T = unknown> {
  schema: z.ZodType<T>;
  description: string;
  /** Sensitive values are never logged nor printed in generated docs. */
  sensitive?: boolean;
  /** Used when the variable is unset; documented as the default. */
  default?: string;
}

export type ConfigSpec = Record<string, VariableSpec>;
export type ConfigOf<S extends ConfigSpec> = {
  [K in keyof S]: S[K] extends VariableSpec<infer T> ? T : never;
};

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}\n` +
        'Set or fix these environment variables and start again.',
    );
    this.name = 'ConfigError';
  }
}

/** Declares a variable; the schema receives the raw string (or undefined). */
export function variable<T>(spec: VariableSpec<T>): VariableSpec<T> {
  return spec;
}

/**
 * Parses the environment once, at boot. Every problem is collected, so an operator fixes all of them in one
 * go, and each names its variable.
 */
export function loadConfig<S extends ConfigSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const problems: { variable: string; message: string }[] = [];
  const result: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(spec)) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = v.schema.safeParse(raw ?? v.default);
    if (parsed.success) {
      result[name] = parsed.data;
    } else {
      const message =
        raw === undefined && v.default === undefined ? 'is required' : parsed.error.issues[0].message;
      problems.push({ variable: name, message: `${message} (${v.description})` });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result as ConfigOf<S>;
}

/** A copy safe to log: sensitive values are masked. */
export function redactConfig<S extends ConfigSpec>(spec: S, config: ConfigOf<S>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(spec).map((name) => [
      name,
      spec[name].sensitive && config[name] !== undefined ? '***' : config[name as keyof S],
    ]),
  );
}

/** A Markdown table of the variables, for the docs (docs/configuration.md is generated from it). */
export function describeConfig(spec: ConfigSpec): string {
  const rows = Object.entries(spec).map(
    ([name, v]) =>
      `| \`${name}\` | ${v.description} | ${v.default === undefined ? '' : `\`${v.default}\``} | ${v.sensitive ? 'yes' : 'no'} |`,
  );
  return ['| variable | description | default | sensitive |', '|---|---|---|---|', ...rows].join('\n');
}
