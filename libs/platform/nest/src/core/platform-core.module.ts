import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { loadOrCreateDevelopmentKeys, TokenVerifier } from '@steerco/platform-auth';
import { createMessagingMetrics, InProcessBus, KafkaBus, type MessageBus } from '@steerco/platform-messaging';
import type { Logger } from '@steerco/platform-observability';
import { type AccessTokenVerifier, DevelopmentFallbackVerifier } from '../auth/access-token-verifier';
import { AuthGuard } from '../auth/auth.guard';
import { HealthController } from '../health/health.controller';
import { HealthRegistry } from '../health/health.registry';
import { ProblemFilter } from '../http/problem.filter';
import { RequestContextInterceptor } from '../http/request-context.interceptor';
import { MetricsController } from '../metrics/metrics.controller';
import {
  LOGGER,
  MESSAGE_BUS,
  MESSAGING_METRICS,
  METRICS_REGISTRY,
  PLATFORM_CONFIG,
  TOKEN_VERIFIER,
  type PlatformConfig,
} from './tokens';

export interface PlatformCoreOptions {
  /** Process name for logs, metrics and the Kafka client id. */
  processName: string;
  config: PlatformConfig;
  logger: Logger;
}

export function createMessageBus(options: PlatformCoreOptions): MessageBus {
  const { config, logger } = options;
  if (!config.KAFKA_BROKERS) return new InProcessBus();
  const sasl =
    config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
      ? {
          mechanism: config.KAFKA_SASL_MECHANISM,
          username: config.KAFKA_SASL_USERNAME,
          password: config.KAFKA_SASL_PASSWORD,
        }
      : undefined;
  return new KafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-${options.processName}`,
    ssl: config.KAFKA_SSL,
    sasl,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    logger,
  });
}

/**
 * Without AUTH_JWKS_URL or AUTH_PUBLIC_KEY, development and test fall back to the local development key;
 * production refuses to start (config check in `assertProductionSafe`) and refuses development tokens. With
 * one of them, development and test still accept development tokens beside it (DevelopmentFallbackVerifier).
 */
export function createTokenVerifier(config: PlatformConfig): AccessTokenVerifier {
  const production = config.STEERCO_ENV === 'production';
  const configured = Boolean(config.AUTH_JWKS_URL || config.AUTH_PUBLIC_KEY);
  const publicKeyPem =
    config.AUTH_PUBLIC_KEY ??
    (configured || production ? undefined : loadOrCreateDevelopmentKeys().publicKeyPem);
  const verifier = new TokenVerifier({
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwksUrl: config.AUTH_JWKS_URL,
    publicKeyPem,
    refuseDevelopmentKeys: production,
  });
  if (production || !configured) return verifier;
  return new DevelopmentFallbackVerifier(verifier, {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
  });
}

class PlatformLifecycle implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'shutting down: readiness now fails, draining requests');
    this.health.startDraining();
  }

  /** Runs after every service module stopped its relay and consumers (they depend on this module). */
  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    this.logger.info('shutdown complete: relays flushed, consumers stopped, bus closed');
  }
}

/**
 * Process-wide platform: config, logger, the message bus (one per process, shared by every service module
 * hosted in it), metrics, token verification, and the global guard, filter and interceptor.
 */
@Global()
@Module({})
export class PlatformCoreModule {
  static forRoot(options: PlatformCoreOptions): DynamicModule {
    const registry = new Registry();
    registry.setDefaultLabels({ process: options.processName });
    collectDefaultMetrics({ register: registry });
    const bus = createMessageBus(options);
    return {
      module: PlatformCoreModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: MESSAGING_METRICS, useValue: createMessagingMetrics(registry) },
        { provide: MESSAGE_BUS, useValue: bus },
        { provide: TOKEN_VERIFIER, useFactory: () => createTokenVerifier(options.config) },
        HealthRegistry,
        PlatformLifecycle,
        {
          provide: 'BUS_HEALTH',
          inject: [HealthRegistry],
          useFactory: (health: HealthRegistry) => health.register('messaging', () => bus.isHealthy()),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
      ],
      exports: [
        PLATFORM_CONFIG,
        LOGGER,
        METRICS_REGISTRY,
        MESSAGING_METRICS,
        MESSAGE_BUS,
        TOKEN_VERIFIER,
        HealthRegistry,
      ],
    };
  }
}
