import type { BusMessage } from '@steerco/contracts';

export type { BusMessage } from '@steerco/contracts';

export type MessageHandler = (message: BusMessage) => Promise<void>;

export interface Subscription {
  groupId: string;
  /** Stops receiving; resolves once the handler of an in-flight message has returned. */
  close(): Promise<void>;
}

/**
 * The port every transport implements: Kafka in distributed mode, the in-process bus in the single-process
 * mode. Both pass one contract suite (test/message-bus.contract.ts). Semantics:
 * - `publish` resolves once the transport has taken the messages durably (Kafka: acknowledged by all in-sync
 *   replicas; in-process: handled by every subscribed group);
 * - messages with the same key reach a group in the order they were published;
 * - each group receives each message (at least once); within a group, one member handles it;
 * - a handler that throws gets the message again (no later message of that key overtakes it).
 */
export interface MessageBus {
  publish(messages: BusMessage[]): Promise<void>;
  subscribe(groupId: string, topics: string[], handler: MessageHandler): Promise<Subscription>;
  /** Creates topics (and their dead-letter topics) when the transport needs it; idempotent. */
  ensureTopics(topics: string[]): Promise<void>;
  /** Messages a consumer group has not yet consumed, per topic (the consumer-lag metric), where measurable. */
  consumerLag?(groupId: string, topics: string[]): Promise<{ topic: string; lag: number }[]>;
  /** True when the transport is reachable; used by readiness probes. */
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}
