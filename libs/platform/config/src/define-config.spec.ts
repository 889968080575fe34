import { z } from 'zod';
import { ConfigError, describeConfig, loadConfig, redactConfig, variable } from './define-config';
import { platformVariables } from './platform-variables';
import { positiveIntSchema } from './schemas';

const spec = {
  REQUIRED_URL: variable({ schema: z.string().url(), description: 'a required URL' }),
  WORKERS: variable({ schema: positiveIntSchema, default: '4', description: 'worker count' }),
  SECRET: variable({ schema: z.string().optional(), sensitive: true, description: 'a secret' }),
};

describe('loadConfig', () => {
  it('parses values and applies defaults', () => {
    expect(loadConfig(spec, { REQUIRED_URL: 'https://x.example' })).toEqual({
      REQUIRED_URL: 'https://x.example',
      WORKERS: 4,
      SECRET: undefined,
    });
  });

  it('names every missing or invalid variable at once', () => {
    try {
      loadConfig(spec, { WORKERS: '-2' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.map((p) => p.variable);
      expect(problems).toEqual(['REQUIRED_URL', 'WORKERS']);
      expect((error as ConfigError).message).toContain('REQUIRED_URL: is required');
    }
  });

  it('treats an empty value as unset', () => {
    expect(() => loadConfig(spec, { REQUIRED_URL: '' })).toThrow(/REQUIRED_URL: is required/);
  });

  it('masks sensitive values when logged and in the docs', () => {
    const config = loadConfig(spec, { REQUIRED_URL: 'https://x.example', SECRET: 'hunter2' });
    expect(redactConfig(spec, config)).toEqual({
      REQUIRED_URL: 'https://x.example',
      WORKERS: 4,
      SECRET: '***',
    });
    expect(describeConfig(spec)).toContain('| `SECRET` | a secret |  | yes |');
  });

  it('accepts the platform defaults and rejects bad platform values', () => {
    expect(loadConfig(platformVariables, {}).PORT).toBe(3000);
    expect(() => loadConfig(platformVariables, { KAFKA_SSL: 'maybe', DATABASE_URL: 'mysql://db' })).toThrow(
      /DATABASE_URL: must be a postgres[\s\S]*KAFKA_SSL: must be true or false/,
    );
    expect(loadConfig(platformVariables, { KAFKA_BROKERS: 'a:9092, b:9092' }).KAFKA_BROKERS).toEqual([
      'a:9092',
      'b:9092',
    ]);
  });
});
