import { z } from 'zod';
import {
  commaListSchema,
  ConfigError,
  positiveIntSchema,
  variable,
  type ConfigOf,
} from '@steerco/platform-config';
import { TrustedProxies } from '@steerco/identity-domain';
import { oidcVariables } from './oidc/oidc.config';

const keyEncryptionKeySchema = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)');

const trustedProxiesSchema = commaListSchema.transform((entries, ctx) => {
  try {
    return new TrustedProxies(entries);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** Variables only the identity service reads, beside the platform ones (docs/configuration.md). */
export const identityVariables = {
  IDENTITY_ACCESS_TOKEN_TTL_SECONDS: variable({
    schema: positiveIntSchema.max(3600),
    default: '600',
    description: 'Lifetime of access tokens, in seconds (at most an hour).',
  }),
  IDENTITY_REFRESH_TOKEN_TTL_HOURS: variable({
    schema: positiveIntSchema,
    default: '336',
    description: 'A refresh token unused for this long expires (each use rotates it and restarts the clock).',
  }),
  IDENTITY_SESSION_MAX_DAYS: variable({
    schema: positiveIntSchema,
    default: '30',
    description: 'A login session ends this long after the login, however often it was refreshed.',
  }),
  IDENTITY_SIGNING_KEY_ROTATION_DAYS: variable({
    schema: positiveIntSchema,
    default: '30',
    description: 'A token signing key is replaced by a new one after this many days.',
  }),
  IDENTITY_KEY_ENCRYPTION_KEY: variable({
    schema: keyEncryptionKeySchema.optional(),
    sensitive: true,
    description:
      'Base64 of 32 random bytes; encrypts signing keys, TOTP secrets and OIDC client secrets in the database. Required in production.',
  }),
  IDENTITY_TRUSTED_PROXIES: variable({
    schema: trustedProxiesSchema.optional(),
    description:
      'Comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed. Unset: none.',
  }),
  STEERCO_ADMIN_EMAIL: variable({
    schema: z.email({ message: 'must be an e-mail address' }).optional(),
    description: 'E-mail of the org admin created on the first start (admin@steerco.local when unset).',
  }),
  STEERCO_ADMIN_PASSWORD: variable({
    schema: z.string().optional(),
    sensitive: true,
    description:
      'Password of that first org admin. Unset: a one-time password is generated and printed once, to be changed at first login.',
  }),
  ...oidcVariables,
};

export type IdentityConfig = ConfigOf<typeof identityVariables> & { STEERCO_ENV: string };

export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

/** Refuses settings that are unsafe in production, naming the variable. */
export function assertIdentityConfigSafe(config: IdentityConfig): void {
  if (config.STEERCO_ENV === 'production' && !config.IDENTITY_KEY_ENCRYPTION_KEY) {
    throw new ConfigError([
      {
        variable: 'IDENTITY_KEY_ENCRYPTION_KEY',
        message: 'is required in production (signing keys and TOTP secrets are encrypted with it)',
      },
    ]);
  }
}
