import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, redactConfig, platformVariables } from '@steerco/platform-config';
import { createLogger, type Logger } from '@steerco/platform-observability';
import { createHttpApp } from './http-app';
import { PlatformCoreModule } from './platform-core.module';
import type { PlatformConfig } from './tokens';

export interface ProcessSpec {
  /** e.g. `hierarchy-service` or `standalone`. */
  processName: string;
  /** The service modules this process hosts. */
  services: (Type | DynamicModule)[];
}

/** Refuses configurations that are unsafe outside development, naming the variables to set. */
export function assertProductionSafe(config: PlatformConfig): void {
  if (config.STEERCO_ENV !== 'production') return;
  if (!config.AUTH_JWKS_URL && !config.AUTH_PUBLIC_KEY) {
    throw new ConfigError([
      {
        variable: 'AUTH_JWKS_URL',
        message: 'production needs AUTH_JWKS_URL or AUTH_PUBLIC_KEY (development keys are refused)',
      },
    ]);
  }
}

export function processLogger(processName: string, config: PlatformConfig): Logger {
  return createLogger({
    service: processName,
    level: config.LOG_LEVEL,
    pretty: config.LOG_PRETTY ?? config.STEERCO_ENV === 'development',
  });
}

/** Builds the Nest application of a process: the platform core plus the hosted service modules. */
export async function createProcessApp(
  spec: ProcessSpec,
  config: PlatformConfig,
  logger: Logger,
): Promise<NestFastifyApplication> {
  assertProductionSafe(config);
  @Module({
    imports: [
      PlatformCoreModule.forRoot({ processName: spec.processName, config, logger }),
      ...spec.services,
    ],
  })
  class ProcessModule {}
  return createHttpApp(ProcessModule, { config, logger });
}

/** Starts a process and listens; logs the redacted configuration once. */
export async function listen(
  app: NestFastifyApplication,
  config: PlatformConfig,
  logger: Logger,
): Promise<void> {
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
  logger.info({ config: redactConfig(platformVariables, config), port: config.PORT }, 'listening');
}

/** Prints a configuration error readably and exits non-zero; anything else is rethrown. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
