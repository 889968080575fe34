import {
  Inject,
  type InjectionToken,
  type OnModuleInit,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import {
  EventConsumer,
  type EventHandlerBinding,
  type MessageBus,
  type MessagingMetrics,
} from '@steerco/platform-messaging';
import type { Logger } from '@steerco/platform-observability';
import type { SqlTransactionScope, UnitOfWork } from '@steerco/platform-persistence';
import { LOGGER, MESSAGE_BUS, MESSAGING_METRICS, PLATFORM_CONFIG, type PlatformConfig } from '../core/tokens';
import { unitOfWorkToken } from './service-persistence.module';

export interface ServiceConsumerOptions {
  /** The consuming service's schema: its consumed_message table and its unit of work. */
  schema: string;
  /** The consumer's purpose within the service (`hierarchy.access-projection`); prefixed by KAFKA_GROUP_PREFIX. */
  groupId: string;
  /**
   * Handlers working in the consumer's transaction on the SQL lane: SQL for projections, and audit records
   * and events for the handlers that change business state (they commit with the consumed-message row).
   */
  handlers:
    | EventHandlerBinding<SqlTransactionScope>[]
    | ((...dependencies: never[]) => EventHandlerBinding<SqlTransactionScope>[]);
  /** Providers handed to `handlers` when it is a function (a cache the handlers must keep current). */
  inject?: InjectionToken[];
}

/**
 * The providers of an idempotent event consumer of a service, subscribed before the relays start and
 * closed when the application shuts down. Each event's effect and its consumed_message row commit in one transaction of
 * the unit of work's SQL lane, so a redelivered event changes nothing. Listed among the providers of the
 * service's module, which imports its ServicePersistenceModule (the unit of work they need).
 */
export function serviceConsumerProviders(options: ServiceConsumerOptions): Provider[] {
  const token = `steerco:consumer:${options.schema}:${options.groupId}`;

  class ConsumerLifecycle implements OnModuleInit, OnApplicationShutdown {
    constructor(@Inject(token) private readonly consumer: EventConsumer<SqlTransactionScope>) {}
    /**
     * Subscribed at module init, before any outbox relay starts (at application bootstrap): the
     * in-process bus keeps no history, so an event relayed before its consumer subscribed would be
     * lost to it (the single-process mode's first start publishes the bootstrap admin at once).
     */
    async onModuleInit() {
      await this.consumer.start();
    }
    async onApplicationShutdown() {
      await this.consumer.stop();
    }
  }
  Object.defineProperty(ConsumerLifecycle, 'name', {
    value: `${options.schema}${options.groupId.replace(/\W/g, '')}ConsumerLifecycle`,
  });

  return [
    {
      provide: token,
      inject: [
        unitOfWorkToken(options.schema),
        MESSAGE_BUS,
        LOGGER,
        MESSAGING_METRICS,
        PLATFORM_CONFIG,
        ...(options.inject ?? []),
      ],
      useFactory: (
        uow: UnitOfWork,
        bus: MessageBus,
        logger: Logger,
        metrics: MessagingMetrics,
        config: PlatformConfig,
        ...dependencies: never[]
      ) =>
        new EventConsumer<SqlTransactionScope>({
          bus,
          // One group per service, shared by its replicas: each event is applied once per service.
          groupId: `${config.KAFKA_GROUP_PREFIX}.${options.groupId}`,
          schema: options.schema,
          runTransaction: (work) => uow.runSql(work),
          handlers:
            typeof options.handlers === 'function' ? options.handlers(...dependencies) : options.handlers,
          logger,
          metrics,
        }),
    },
    ConsumerLifecycle,
  ];
}
