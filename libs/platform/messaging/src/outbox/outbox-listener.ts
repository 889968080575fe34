import type { Logger } from '@steerco/platform-observability';
import { pgChannelListener } from '../sql/pg-channel-listener';
import { assertSchemaName } from '../sql/sql-client';

export interface OutboxListener {
  /** Calls `onNotify` whenever outbox rows commit; returns the function that stops listening. */
  listen(onNotify: () => void): Promise<() => Promise<void>>;
}

/** The channel the outbox insert trigger notifies (see the platform migration). */
export function outboxChannel(schema: string): string {
  return `steerco_outbox_${assertSchemaName(schema)}`;
}

/**
 * LISTEN on a dedicated connection, reconnecting when it drops; until then the relay still polls, so a lost
 * notification only costs latency. Every (re)connection wakes the relay once, for what it may have missed.
 */
export function pgOutboxListener(connectionString: string, schema: string, logger: Logger): OutboxListener {
  const channel = pgChannelListener(
    connectionString,
    outboxChannel(schema),
    `steerco-outbox-listener-${schema}`,
    logger,
  );
  return { listen: (onNotify) => channel.listen({ onNotify, onListening: onNotify }) };
}
