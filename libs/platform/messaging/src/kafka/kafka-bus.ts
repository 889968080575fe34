import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type KafkaConfig,
  type Producer,
  type SASLOptions,
} from 'kafkajs';
import { deadLetterTopic, type BusMessage } from '@steerco/contracts';
import type { Logger } from '@steerco/platform-observability';
import type { MessageBus, MessageHandler, Subscription } from '../bus/message-bus';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  partitions?: number;
  replicationFactor?: number;
  /** Where a new consumer group starts; 'earliest' so no event committed before a first deploy is missed. */
  fromBeginning?: boolean;
}

/**
 * MessageBus over Kafka (kafkajs). Producer: acks from all in-sync replicas, one request in flight so retries
 * cannot reorder a key's messages. Consumers: one kafkajs consumer per subscription, offsets committed only
 * after the handler returned, so a crash redelivers rather than loses.
 */
export class KafkaBus implements MessageBus {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly knownTopics = new Set<string>();
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaBusOptions) {
    const config: KafkaConfig = {
      clientId: options.clientId,
      brokers: options.brokers,
      ssl: options.ssl,
      sasl: options.sasl as SASLOptions | undefined,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const { message, ...rest } = entry.log;
        options.logger.warn({ kafka: rest, namespace: entry.namespace }, `kafka: ${message}`);
      },
      retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 5 },
    };
    this.kafka = new Kafka(config);
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectProducer();
    const byTopic = new Map<string, BusMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.ensureTopics([...byTopic.keys()]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async subscribe(groupId: string, topics: string[], handler: MessageHandler): Promise<Subscription> {
    await this.ensureTopics(topics);
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { initialRetryTime: 200, retries: Number.MAX_SAFE_INTEGER },
    });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      // Order holds per partition, so every partition may be worked on at once (measured: the consumer tail
      // p99 fell 3-6x going from 3 to 6 under the event-lag benchmark; docs/benchmarks.md).
      partitionsConsumedConcurrently: this.options.partitions ?? 6,
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? String(value[0]) : String(value);
        }
        await handler({
          topic,
          key: message.key?.toString() ?? '',
          headers,
          value: message.value?.toString() ?? '',
        });
      },
    });
    return {
      groupId,
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.flatMap((t) => [t, deadLetterTopic(t)]).filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const admin = await this.connectAdmin();
    const existing = new Set(await admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((topic) => ({
          topic,
          numPartitions: this.options.partitions ?? 6,
          replicationFactor: this.options.replicationFactor ?? 1,
        })),
      });
    }
    missing.forEach((t) => this.knownTopics.add(t));
  }

  async isHealthy(): Promise<boolean> {
    try {
      const admin = await this.connectAdmin();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    }
  }

  /** Messages behind per topic for a consumer group: the consumer-lag metric. */
  async consumerLag(groupId: string, topics: string[]): Promise<{ topic: string; lag: number }[]> {
    const admin = await this.connectAdmin();
    const committed = await admin.fetchOffsets({ groupId, topics });
    const result: { topic: string; lag: number }[] = [];
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      const endOf = new Map(ends.map((p) => [p.partition, Number(p.high)]));
      const lag = partitions.reduce((sum, p) => {
        const end = endOf.get(p.partition) ?? 0;
        const offset = Number(p.offset);
        return sum + (offset < 0 ? end : Math.max(0, end - offset));
      }, 0);
      result.push({ topic, lag });
    }
    return result;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect().catch(() => undefined)));
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect().catch(() => undefined);
    if (this.admin) await (await this.admin).disconnect().catch(() => undefined);
    this.producer = undefined;
    this.admin = undefined;
  }

  private connectProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      return producer;
    })();
    // A failed connect is not cached: the next publish tries again (the relay backs off between tries).
    this.producer.catch(() => (this.producer = undefined));
    return this.producer;
  }

  private connectAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    this.admin.catch(() => (this.admin = undefined));
    return this.admin;
  }
}
