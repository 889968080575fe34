import { randomUUID } from 'node:crypto';
import type { BusMessage } from '@steerco/contracts';
import { uniqueName, waitFor } from '@steerco/platform-testing';
import type { MessageBus, Subscription } from '../src/bus/message-bus';

export interface BusFixture {
  bus: MessageBus;
  close(): Promise<void>;
}

function message(topic: string, key: string, n: number): BusMessage {
  return { topic, key, headers: { ce_id: randomUUID(), n: String(n) }, value: JSON.stringify({ n }) };
}

/**
 * What every MessageBus must do, run against the Kafka bus (real broker) and the in-process bus alike.
 * Subscriptions are made before publishing: the in-process bus keeps no history.
 */
export function describeMessageBusContract(
  name: string,
  createFixture: () => Promise<BusFixture>,
  timeoutMs = 30_000,
) {
  describe(`MessageBus contract: ${name}`, () => {
    let fixture: BusFixture;
    const subscriptions: Subscription[] = [];
    const subscribe = async (...args: Parameters<MessageBus['subscribe']>) => {
      const s = await fixture.bus.subscribe(...args);
      subscriptions.push(s);
      return s;
    };

    beforeEach(async () => {
      fixture = await createFixture();
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.close()));
      await fixture.close();
    });

    it('delivers key, headers and value unchanged', async () => {
      const topic = uniqueName('contract.roundtrip');
      await fixture.bus.ensureTopics([topic]);
      const received: BusMessage[] = [];
      await subscribe(uniqueName('group'), [topic], async (m) => void received.push(m));
      const sent = {
        topic,
        key: 'agg-1',
        headers: { ce_id: randomUUID(), 'content-type': 'application/json' },
        value: '{"é":"ü"}',
      };
      await fixture.bus.publish([sent]);
      await waitFor(() => received.length === 1, 'message delivered', timeoutMs);
      expect(received[0]).toEqual(sent);
    });

    it('keeps the order of one key and gives every group every message', async () => {
      const topic = uniqueName('contract.order');
      await fixture.bus.ensureTopics([topic]);
      const seen: Record<string, Record<string, number[]>> = { a: {}, b: {} };
      for (const group of ['a', 'b'] as const) {
        await subscribe(uniqueName(`group-${group}`), [topic], async (m) => {
          (seen[group][m.key] ??= []).push(Number(m.headers['n']));
        });
      }
      const keys = ['k1', 'k2', 'k3'];
      const batch = keys.flatMap((key) => Array.from({ length: 20 }, (_, n) => message(topic, key, n)));
      await fixture.bus.publish(batch.filter((_, i) => i % 2 === 0));
      await fixture.bus.publish(batch.filter((_, i) => i % 2 === 1));
      const total = (g: 'a' | 'b') => Object.values(seen[g]).reduce((s, l) => s + l.length, 0);
      await waitFor(
        () => total('a') === 60 && total('b') === 60,
        () => `all delivered: ${total('a')}, ${total('b')}`,
        timeoutMs,
      );
      for (const group of ['a', 'b'] as const) {
        for (const key of keys) {
          const expected = batch.filter((m) => m.key === key).map((m) => Number(m.headers['n']));
          const sentOrder = [...batch.filter((_, i) => i % 2 === 0), ...batch.filter((_, i) => i % 2 === 1)]
            .filter((m) => m.key === key)
            .map((m) => Number(m.headers['n']));
          expect(seen[group][key]).toEqual(sentOrder);
          expect([...seen[group][key]].sort((x, y) => x - y)).toEqual(expected);
        }
      }
    });

    it('shares a group between its members: each message is handled once per group', async () => {
      const topic = uniqueName('contract.shared');
      await fixture.bus.ensureTopics([topic]);
      const group = uniqueName('group-shared');
      const handled: string[] = [];
      await subscribe(group, [topic], async (m) => void handled.push(m.headers['ce_id']));
      await subscribe(group, [topic], async (m) => void handled.push(m.headers['ce_id']));
      const batch = Array.from({ length: 30 }, (_, n) => message(topic, `key-${n % 7}`, n));
      await fixture.bus.publish(batch);
      await waitFor(
        () => handled.length >= 30,
        () => `handled ${handled.length}/30`,
        timeoutMs,
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(handled.sort()).toEqual(batch.map((m) => m.headers['ce_id']).sort());
    });

    it('redelivers a message whose handler threw, before any later message of its key', async () => {
      const topic = uniqueName('contract.retry');
      await fixture.bus.ensureTopics([topic]);
      const order: number[] = [];
      let failuresLeft = 2;
      await subscribe(uniqueName('group-retry'), [topic], async (m) => {
        const n = Number(m.headers['n']);
        if (n === 0 && failuresLeft-- > 0) throw new Error('transient failure');
        order.push(n);
      });
      await fixture.bus.publish([message(topic, 'same', 0), message(topic, 'same', 1)]);
      await waitFor(() => order.length === 2, 'both handled after retries', timeoutMs);
      expect(order).toEqual([0, 1]);
      expect(failuresLeft).toBeLessThanOrEqual(0);
    });

    it('stops delivering to a closed subscription', async () => {
      const topic = uniqueName('contract.close');
      await fixture.bus.ensureTopics([topic]);
      const received: string[] = [];
      const subscription = await subscribe(
        uniqueName('group-close'),
        [topic],
        async (m) => void received.push(m.key),
      );
      await fixture.bus.publish([message(topic, 'before', 0)]);
      await waitFor(() => received.length === 1, 'first delivered', timeoutMs);
      await subscription.close();
      await fixture.bus.publish([message(topic, 'after', 1)]);
      await new Promise((r) => setTimeout(r, 500));
      expect(received).toEqual(['before']);
    });

    it('reports itself healthy while reachable', async () => {
      await expect(fixture.bus.isHealthy()).resolves.toBe(true);
    });
  });
}
