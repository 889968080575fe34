import { Counter, Gauge, type Registry } from 'prom-client';

export interface MessagingMetrics {
  published: Counter<'schema'>;
  consumed: Counter<'group' | 'outcome'>;
  /** Registers where the oldest-pending-age gauge reads one outbox (one per service schema). */
  watchOutbox(schema: string, oldestPendingAgeSeconds: () => Promise<number>): void;
  /** Registers where the lag gauge reads one consumer group. */
  watchConsumerGroup(group: string, lag: () => Promise<{ topic: string; lag: number }[]>): void;
}

/**
 * Registers the messaging metrics. The gauges are computed when Prometheus scrapes (collect callbacks), so
 * nothing polls the database or the broker between scrapes.
 */
export function createMessagingMetrics(registry: Registry): MessagingMetrics {
  const outboxes = new Map<string, () => Promise<number>>();
  const groups = new Map<string, () => Promise<{ topic: string; lag: number }[]>>();
  new Gauge({
    name: 'steerco_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbox row not yet published.',
    labelNames: ['schema'],
    registers: [registry],
    async collect() {
      for (const [schema, read] of outboxes) {
        const age = await read().catch(() => undefined);
        if (age !== undefined) this.set({ schema }, age);
      }
    },
  });
  new Gauge({
    name: 'steerco_consumer_lag_messages',
    help: 'Messages not yet consumed, per consumer group and topic.',
    labelNames: ['group', 'topic'],
    registers: [registry],
    async collect() {
      for (const [group, read] of groups) {
        for (const { topic, lag } of (await read().catch(() => [])) ?? []) this.set({ group, topic }, lag);
      }
    },
  });
  return {
    published: new Counter({
      name: 'steerco_outbox_published_total',
      help: 'Events the outbox relay published.',
      labelNames: ['schema'],
      registers: [registry],
    }),
    consumed: new Counter({
      name: 'steerco_events_consumed_total',
      help: 'Events handled by consumers, by outcome (handled, duplicate, ignored, dead_lettered).',
      labelNames: ['group', 'outcome'],
      registers: [registry],
    }),
    watchOutbox: (schema, read) => void outboxes.set(schema, read),
    watchConsumerGroup: (group, read) => void groups.set(group, read),
  };
}
