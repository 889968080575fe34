import { Client } from 'pg';
import type { Logger } from '@steerco/platform-observability';
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
 * LISTEN on a dedicated connection. If the connection drops it reconnects with backoff; until then the relay
 * still polls, so a lost notification only costs latency.
 */
export function pgOutboxListener(connectionString: string, schema: string, logger: Logger): OutboxListener {
  const channel = outboxChannel(schema);
  return {
    async listen(onNotify) {
      let client: Client | undefined;
      let stopped = false;
      let retryMs = 250;
      const connect = async (): Promise<void> => {
        if (stopped) return;
        const next = new Client({ connectionString, application_name: `steerco-outbox-listener-${schema}` });
        next.on('notification', () => onNotify());
        next.on('error', (error) => {
          logger.warn({ err: error }, 'outbox listener connection lost; reconnecting');
          void next.end().catch(() => undefined);
          if (client === next) client = undefined;
          setTimeout(() => void connect().catch(() => undefined), retryMs);
          retryMs = Math.min(retryMs * 2, 10_000);
        });
        await next.connect();
        await next.query(`listen ${channel}`);
        client = next;
        retryMs = 250;
        onNotify();
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => undefined);
      };
    },
  };
}
