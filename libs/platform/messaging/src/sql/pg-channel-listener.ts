import { Client } from 'pg';
import type { Logger } from '@steerco/platform-observability';

export interface ChannelHandlers {
  /** A notification arrived on the channel. */
  onNotify(): void;
  /** LISTEN is in place (first time or after a reconnection): anything may have been missed before. */
  onListening?(): void;
  /** The connection dropped: notifications are lost until `onListening` is called again. */
  onLost?(): void;
}

export interface ChannelListener {
  /** Listens until the returned function is called. Rejects if the first connection fails. */
  listen(handlers: ChannelHandlers): Promise<() => Promise<void>>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * LISTEN on a dedicated connection. If the connection drops it reconnects with backoff (250 ms doubling to
 * 10 s); callers learn of the gap through `onLost` and `onListening` and decide what a missed notification
 * costs them (the outbox relay polls meanwhile; a cache stops trusting itself).
 */
export function pgChannelListener(
  connectionString: string,
  channel: string,
  applicationName: string,
  logger: Logger,
): ChannelListener {
  if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${JSON.stringify(channel)}.`);
  return {
    async listen(handlers) {
      let client: Client | undefined;
      let stopped = false;
      let retryMs = 250;
      const connect = async (): Promise<void> => {
        if (stopped) return;
        const next = new Client({ connectionString, application_name: applicationName });
        let lost = false;
        const onDrop = (error?: Error) => {
          if (lost || stopped) return;
          lost = true;
          logger.warn({ err: error, channel }, 'notification listener connection lost; reconnecting');
          void next.end().catch(() => undefined);
          if (client === next) client = undefined;
          handlers.onLost?.();
          setTimeout(() => void connect().catch((e: unknown) => onRetryFailed(e)), retryMs);
          retryMs = Math.min(retryMs * 2, 10_000);
        };
        next.on('notification', () => handlers.onNotify());
        next.on('error', onDrop);
        next.on('end', () => onDrop());
        await next.connect();
        await next.query(`listen ${channel}`);
        client = next;
        retryMs = 250;
        handlers.onListening?.();
      };
      const onRetryFailed = (error: unknown) => {
        logger.warn({ err: error, channel }, 'notification listener could not reconnect; retrying');
        setTimeout(() => void connect().catch(onRetryFailed), retryMs);
        retryMs = Math.min(retryMs * 2, 10_000);
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => undefined);
      };
    },
  };
}
