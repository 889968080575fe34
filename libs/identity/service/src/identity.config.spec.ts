import { ConfigError, loadConfig } from '@steerco/platform-config';
import { assertIdentityConfigSafe, identityVariables, type IdentityConfig } from './identity.config';

describe('identity configuration', () => {
  it('parses the key encryption key and the trusted proxies', () => {
    const config = loadConfig(identityVariables, {
      IDENTITY_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      IDENTITY_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1',
    });
    expect(config.IDENTITY_KEY_ENCRYPTION_KEY?.length).toBe(32);
    expect(config.IDENTITY_TRUSTED_PROXIES?.has('10.2.3.4')).toBe(true);
    expect(config.IDENTITY_TRUSTED_PROXIES?.has('192.0.2.1')).toBe(false);
    expect(config.IDENTITY_ACCESS_TOKEN_TTL_SECONDS).toBe(600);
  });

  it('names each bad variable', () => {
    expect(() =>
      loadConfig(identityVariables, {
        IDENTITY_KEY_ENCRYPTION_KEY: 'dG9vIHNob3J0',
        IDENTITY_TRUSTED_PROXIES: 'proxy.internal',
        IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '86400',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ variable: 'IDENTITY_ACCESS_TOKEN_TTL_SECONDS' }),
          expect.objectContaining({ variable: 'IDENTITY_KEY_ENCRYPTION_KEY' }),
          expect.objectContaining({ variable: 'IDENTITY_TRUSTED_PROXIES' }),
        ],
      }),
    );
  });

  it('refuses production without a key encryption key', () => {
    const config = { ...loadConfig(identityVariables, {}), STEERCO_ENV: 'production' } as IdentityConfig;
    expect(() => assertIdentityConfigSafe(config)).toThrow(ConfigError);
    expect(() => assertIdentityConfigSafe({ ...config, STEERCO_ENV: 'development' })).not.toThrow();
  });
});
