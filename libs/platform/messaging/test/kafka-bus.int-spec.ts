import { testKafkaBrokers, testLogger } from '@steerco/platform-testing';
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
