import {
  type BusMessage,
  type CloudEvent,
  type EventDefinition,
  fromBusMessage,
  InvalidCloudEventError,
} from '@steerco/contracts';
import {
  contextFromHeaders,
  inSpan,
  runWithContext,
  SpanKind,
  type Logger,
} from '@steerco/platform-observability';
import type { MessageBus, Subscription } from '../bus/message-bus';
import type { MessagingMetrics } from '../metrics/messaging-metrics';
import { assertSchemaName, type SqlClient } from '../sql/sql-client';
import { toDeadLetter, type DeadLetterReason } from './dead-letter';

export interface ConsumerTransaction {
  sql: SqlClient;
}

/** Runs work in one database transaction of the consuming service (commit on return, rollback on throw). */
export type TransactionRunner<Tx extends ConsumerTransaction> = <T>(
  work: (tx: Tx) => Promise<T>,
) => Promise<T>;

export interface EventHandlerBinding<Tx extends ConsumerTransaction> {
  definition: EventDefinition;
  handle(event: CloudEvent, tx: Tx): Promise<void>;
}

export interface EventConsumerOptions<Tx extends ConsumerTransaction> {
  bus: MessageBus;
  groupId: string;
  /** Schema holding this service's consumed_message table. */
  schema: string;
  runTransaction: TransactionRunner<Tx>;
  handlers: EventHandlerBinding<Tx>[];
  logger: Logger;
  metrics?: MessagingMetrics;
  /** Attempts before a failing event is dead-lettered. */
  maxAttempts?: number;
  retryDelayMs?: number;
}

export type ConsumeOutcome = 'handled' | 'duplicate' | 'ignored' | 'dead_lettered';

/**
 * An idempotent consumer: the (group, event id) pair is recorded in the same transaction as the handler's
 * effect, so a redelivered event has no second effect. Poison messages (bad envelope, payload breaking the
 * contract, a handler failing `maxAttempts` times) go to `<topic>.dlq` with the reason in their headers and
 * never block the partition.
 */
export class EventConsumer<Tx extends ConsumerTransaction> {
  private subscription?: Subscription;
  private readonly handlers: Map<string, EventHandlerBinding<Tx>>;
  private readonly consumedTable: string;

  constructor(private readonly options: EventConsumerOptions<Tx>) {
    this.handlers = new Map(options.handlers.map((h) => [h.definition.type, h]));
    this.consumedTable = `"${assertSchemaName(options.schema)}".consumed_message`;
  }

  get topics(): string[] {
    return [...new Set(this.options.handlers.map((h) => h.definition.topic.name))];
  }

  async start(): Promise<void> {
    const { bus, metrics, groupId } = this.options;
    if (metrics && bus.consumerLag)
      metrics.watchConsumerGroup(
        groupId,
        () => bus.consumerLag?.(groupId, this.topics) ?? Promise.resolve([]),
      );
    this.subscription = await this.options.bus.subscribe(this.options.groupId, this.topics, (m) =>
      this.consume(m).then(() => undefined),
    );
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  /** Handles one message from the bus; exposed for tests and replay tooling. */
  async consume(message: BusMessage): Promise<ConsumeOutcome> {
    const outcome = await this.process(message);
    this.options.metrics?.consumed.inc({ group: this.options.groupId, outcome });
    return outcome;
  }

  private async process(message: BusMessage): Promise<ConsumeOutcome> {
    let event: CloudEvent;
    try {
      event = fromBusMessage(message);
    } catch (error) {
      const reason = error instanceof InvalidCloudEventError ? error.message : String(error);
      return this.deadLetter(message, 'invalid_envelope', reason, 0);
    }
    const binding = this.handlers.get(event.type);
    // Topics carry several event types; a consumer handles those it knows and skips the rest.
    if (!binding) return 'ignored';
    const payload = binding.definition.schema.safeParse(event.data);
    if (!payload.success) {
      const issues = payload.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return this.deadLetter(message, 'invalid_payload', issues, 0);
    }
    const parsed: CloudEvent = { ...event, data: payload.data };
    return inSpan(
      `process ${message.topic}`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextFromHeaders(message.headers),
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': message.topic,
          'messaging.consumer.group.name': this.options.groupId,
          'messaging.message.id': event.id,
        },
      },
      () =>
        runWithContext(
          { correlationId: event.correlationid, actor: event.actor, cause: `event:${event.id}` },
          () => this.handleWithRetries(message, parsed, binding),
        ),
    );
  }

  private async handleWithRetries(
    message: BusMessage,
    event: CloudEvent,
    binding: EventHandlerBinding<Tx>,
  ): Promise<ConsumeOutcome> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.runTransaction(async (tx) => {
          const fresh = await tx.sql.query(
            `insert into ${this.consumedTable} (group_id, event_id, topic, event_type)
             values ($1, $2, $3, $4) on conflict do nothing returning event_id`,
            [this.options.groupId, event.id, message.topic, event.type],
          );
          if (fresh.length === 0) return 'duplicate' as const;
          await binding.handle(event, tx);
          return 'handled' as const;
        });
      } catch (error) {
        this.options.logger.warn({ err: error, eventId: event.id, attempt }, 'event handler failed');
        if (attempt >= maxAttempts)
          return this.deadLetter(message, 'handler_failed', (error as Error).message, attempt);
        await new Promise((r) => setTimeout(r, (this.options.retryDelayMs ?? 100) * 2 ** (attempt - 1)));
      }
    }
  }

  /** If the DLQ itself cannot be written, this throws and the bus redelivers: nothing is dropped silently. */
  private async deadLetter(
    message: BusMessage,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ): Promise<ConsumeOutcome> {
    this.options.logger.error(
      { topic: message.topic, key: message.key, reason, error },
      'event dead-lettered',
    );
    await this.options.bus.publish([toDeadLetter(message, this.options.groupId, reason, error, attempts)]);
    return 'dead_lettered';
  }
}
