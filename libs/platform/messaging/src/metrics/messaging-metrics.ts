import { Counter, Gauge, type Registry } from 'prom-client';

export interface MessagingMetrics {
  published: Counter<'schema'>;
  consumed: Counter<'group' | 'outcome'>;
  oldestPendingAge: Gauge<'schema'>;
  consumerLag: Gauge<'group' | 'topic'>;
}

/**
 * Registers the messaging metrics. The gauges are computed when Prometheus scrapes (collect callbacks), so
 * nothing polls the database or the broker between scrapes.
 */
export function createMessagingMetrics(
  registry: Registry,
  sources: {
    oldestPendingAge?: () => Promise<Record<string, number>>;
    consumerLag?: () => Promise<{ group: string; topic: string; lag: number }[]>;
  } = {},
): MessagingMetrics {
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
    oldestPendingAge: new Gauge({
      name: 'steerco_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox row not yet published.',
      labelNames: ['schema'],
      registers: [registry],
      async collect() {
        const ages: Record<string, number> = (await sources.oldestPendingAge?.().catch(() => ({}))) ?? {};
        for (const [schema, age] of Object.entries(ages)) this.set({ schema }, age);
      },
    }),
    consumerLag: new Gauge({
      name: 'steerco_consumer_lag_messages',
      help: 'Messages not yet consumed, per consumer group and topic.',
      labelNames: ['group', 'topic'],
      registers: [registry],
      async collect() {
        const lags = (await sources.consumerLag?.().catch(() => [])) ?? [];
        for (const { group, topic, lag } of lags) this.set({ group, topic }, lag);
      },
    }),
  };
}
