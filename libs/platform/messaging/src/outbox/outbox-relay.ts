import { randomUUID } from 'node:crypto';
import { propagation, ROOT_CONTEXT, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { toBusMessage } from '@steerco/contracts';
import { contextFromHeaders, SpanKind, tracer, type Logger } from '@steerco/platform-observability';
import type { MessageBus } from '../bus/message-bus';
import type { SqlClient } from '../sql/sql-client';
import { OutboxClaims } from './outbox-claims';
import { rowToCloudEvent, type OutboxRow } from './outbox-row';
import type { OutboxListener } from './outbox-signal';
import type { MessagingMetrics } from '../metrics/messaging-metrics';

export interface OutboxRelayOptions {
  schema: string;
  sql: SqlClient;
  bus: MessageBus;
  logger: Logger;
  /** Wakes the relay when outbox rows commit (an `OutboxSignal` raised by the unit of work); polling remains the fallback. */
  listener?: OutboxListener;
  pollIntervalMs?: number;
  batchSize?: number;
  /** Longer than the bus's worst-case publish time, so a lease never expires under a live publish. */
  leaseMs?: number;
  metrics?: MessagingMetrics;
  relayId?: string;
  /**
   * How long published rows are kept (their `published_at` age), for operators replaying or inspecting
   * recent events; older ones are deleted every `pruneIntervalMs`. Undefined: kept for ever.
   */
  retentionMs?: number;
  pruneIntervalMs?: number;
}

/** Rows deleted per statement: short transactions, whatever the backlog. */
const PRUNE_BATCH = 5000;

/**
 * Publishes committed outbox rows to the bus. Any number of replicas may run; each claims rows under a lease.
 * A failed publish returns the rows and backs off, so a broker outage only delays events.
 */
export class OutboxRelay {
  readonly relayId: string;
  private readonly claims: OutboxClaims;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private notified = false;
  private backoffMs = 0;
  private unlisten?: () => Promise<void>;
  private pruneTimer?: NodeJS.Timeout;
  private stopping = false;
  private pruning?: Promise<number>;

  constructor(private readonly options: OutboxRelayOptions) {
    this.relayId = options.relayId ?? `relay-${randomUUID()}`;
    this.claims = new OutboxClaims(options.sql, options.schema, this.relayId);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 200;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.options.listener) this.unlisten = await this.options.listener.listen(() => this.onNotify());
    this.loop = this.run();
    if (this.options.retentionMs !== undefined) {
      this.pruneTimer = setInterval(() => void this.prune(), this.options.pruneIntervalMs ?? 600_000);
      this.pruneTimer.unref();
    }
  }

  /**
   * Deletes the published rows older than the retention, batch by batch; returns how many. Replicas may
   * prune at the same time: a row deleted by one is simply not found by the other.
   */
  prune(): Promise<number> {
    const retentionMs = this.options.retentionMs;
    if (retentionMs === undefined) return Promise.resolve(0);
    this.pruning ??= (async () => {
      let deleted = 0;
      try {
        let batch: number;
        do {
          batch = await this.claims.prunePublished(retentionMs / 1000, PRUNE_BATCH);
          deleted += batch;
        } while (batch === PRUNE_BATCH && !this.stopping);
      } catch (error) {
        this.options.logger.warn({ err: error }, 'outbox pruning failed; trying again at the next interval');
      } finally {
        this.pruning = undefined;
      }
      if (deleted > 0) this.options.logger.info({ deleted, schema: this.options.schema }, 'outbox pruned');
      return deleted;
    })();
    return this.pruning;
  }

  /** Stops after the batch in flight has been published and settled; nothing is left claimed. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping = true;
    clearInterval(this.pruneTimer);
    this.wake?.();
    await this.loop;
    await this.pruning;
    await this.unlisten?.();
  }

  /** Publishes what is pending now; returns how many rows it published. Used by the loop and by tests. */
  async drainOnce(): Promise<number> {
    const rows = await this.claims.claim(this.batchSize, this.leaseMs);
    if (rows.length === 0) return 0;
    try {
      await this.publish(rows);
    } catch (error) {
      await this.claims.release(
        rows.map((r) => r.id),
        (error as Error).message,
      );
      throw error;
    }
    await this.claims.markPublished(rows.map((r) => r.id));
    this.options.metrics?.published.inc({ schema: this.options.schema }, rows.length);
    return rows.length;
  }

  oldestPendingAgeSeconds(): Promise<number> {
    return this.claims.oldestPendingAgeSeconds();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.drainOnce();
        this.backoffMs = 0;
      } catch (error) {
        this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 200), 5000);
        this.options.logger.warn(
          { err: error, retryInMs: this.backoffMs },
          'outbox publish failed; retrying',
        );
      }
      if (!this.running) break;
      if (this.backoffMs > 0) await this.sleep(this.backoffMs, false);
      else if (published < this.batchSize) await this.sleep(this.pollIntervalMs, true);
    }
  }

  /** Waits for a wake-up or the timeout. A notification that came while draining skips the wait. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (wakeable && this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = () => {
        if (wakeable || !this.running) done();
      };
    });
  }

  private onNotify(): void {
    if (this.wake) this.wake();
    else this.notified = true;
  }

  /** One producer span per event, child of the context stored on its row, so the trace continues. */
  private async publish(rows: OutboxRow[]): Promise<void> {
    const spans: Span[] = [];
    const messages = rows.map((row) => {
      const message = toBusMessage(row.topic, rowToCloudEvent(row));
      const parent = row.traceparent
        ? contextFromHeaders({ traceparent: row.traceparent, tracestate: row.tracestate ?? undefined })
        : ROOT_CONTEXT;
      const span = tracer().startSpan(
        `publish ${row.topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.destination.name': row.topic,
            'messaging.message.id': row.id,
          },
        },
        parent,
      );
      propagation.inject(trace.setSpan(parent, span), message.headers);
      spans.push(span);
      return message;
    });
    try {
      await this.options.bus.publish(messages);
    } catch (error) {
      spans.forEach((span) =>
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message }),
      );
      throw error;
    } finally {
      spans.forEach((span) => span.end());
    }
  }
}
