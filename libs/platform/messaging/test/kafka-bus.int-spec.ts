import { testKafkaBrokers, testLogger, uniqueName, waitFor } from '@steerco/platform-testing';
import { KafkaBus } from '../src/kafka/kafka-bus';
import { describeMessageBusContract } from './message-bus.contract';

describeMessageBusContract(
  'kafka',
  async () => {
    const bus = new KafkaBus({
      brokers: testKafkaBrokers(),
      clientId: 'contract-test',
      logger: testLogger(),
      partitions: 3,
    });
    return { bus, close: () => bus.close() };
  },
  60_000,
);

describe('KafkaBus consumer lag', () => {
  it('counts what a group has not consumed yet, and nothing once it has', async () => {
    const bus = new KafkaBus({
      brokers: testKafkaBrokers(),
      clientId: 'lag-test',
      logger: testLogger(),
      partitions: 2,
    });
    try {
      const topic = uniqueName('lag.test');
      const group = uniqueName('lag-group');
      await bus.ensureTopics([topic]);
      await bus.publish(
        Array.from({ length: 5 }, (_, i) => ({ topic, key: `k${i}`, headers: {}, value: String(i) })),
      );
      expect(await bus.consumerLag(group, [topic])).toEqual([{ topic, lag: 5 }]);
      let received = 0;
      const subscription = await bus.subscribe(group, [topic], async () => void received++);
      await waitFor(() => received === 5, 'all consumed', 30_000);
      await waitFor(
        async () => (await bus.consumerLag(group, [topic]))[0].lag === 0,
        'offsets committed',
        30_000,
      );
      await subscription.close();
    } finally {
      await bus.close();
    }
  }, 60_000);
});
