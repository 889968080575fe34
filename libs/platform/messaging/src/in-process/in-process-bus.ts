import type { BusMessage } from '@steerco/contracts';
import type { MessageBus, MessageHandler, Subscription } from '../bus/message-bus';

interface Member {
  handler: MessageHandler;
  closed: boolean;
  inFlight: Set<Promise<void>>;
}

interface Group {
  topics: Set<string>;
  members: Member[];
  /** Chains deliveries per key, so one key's messages are handled strictly in order. */
  keyChains: Map<string, Promise<void>>;
}

/**
 * MessageBus for the single-process mode: no broker, same semantics as the Kafka bus for what the platform
 * relies on (contract suite). `publish` resolves once every group has handled every message, so the outbox
 * relay marks rows published only after their effects happened: a crash before that republishes them, and
 * idempotent consumers absorb the repeat. A handler that throws is retried with backoff until it succeeds.
 */
export class InProcessBus implements MessageBus {
  private readonly groups = new Map<string, Group>();
  private closed = false;

  constructor(private readonly retryDelayMs = 50) {}

  async publish(messages: BusMessage[]): Promise<void> {
    if (this.closed) throw new Error('in-process bus is closed');
    const deliveries: Promise<void>[] = [];
    for (const message of messages) {
      for (const group of this.groups.values()) {
        if (!group.topics.has(message.topic)) continue;
        deliveries.push(this.enqueue(group, message));
      }
    }
    await Promise.all(deliveries);
  }

  async subscribe(groupId: string, topics: string[], handler: MessageHandler): Promise<Subscription> {
    const group: Group = this.groups.get(groupId) ?? { topics: new Set(), members: [], keyChains: new Map() };
    topics.forEach((t) => group.topics.add(t));
    const member: Member = { handler, closed: false, inFlight: new Set() };
    group.members.push(member);
    this.groups.set(groupId, group);
    return {
      groupId,
      close: async () => {
        member.closed = true;
        group.members = group.members.filter((m) => m !== member);
        await Promise.allSettled([...member.inFlight]);
        if (group.members.length === 0) this.groups.delete(groupId);
      },
    };
  }

  async ensureTopics(): Promise<void> {
    // Nothing to create: topics exist as soon as someone subscribes.
  }

  async isHealthy(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const group of this.groups.values()) await Promise.allSettled([...group.keyChains.values()]);
    this.groups.clear();
  }

  private enqueue(group: Group, message: BusMessage): Promise<void> {
    const previous = group.keyChains.get(message.key) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(group, message));
    group.keyChains.set(message.key, next);
    void next.finally(() => {
      if (group.keyChains.get(message.key) === next) group.keyChains.delete(message.key);
    });
    return next;
  }

  /** Like a Kafka partition, one member owns a key; it changes only when members join or leave. */
  private async deliver(group: Group, message: BusMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const members = group.members.filter((m) => !m.closed);
      if (members.length === 0 || this.closed) return;
      const member = members[hashKey(message.key) % members.length];
      const run = member.handler(copy(message));
      member.inFlight.add(run);
      try {
        await run;
        return;
      } catch {
        await delay(Math.min(this.retryDelayMs * 2 ** attempt, 2000));
      } finally {
        member.inFlight.delete(run);
      }
    }
  }
}

function copy(message: BusMessage): BusMessage {
  return { ...message, headers: { ...message.headers } };
}

function hashKey(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
