import { randomBytes } from 'node:crypto';

/** Brokers of the test Kafka started by `npm run kafka:start` (and by .ci/run). */
export function testKafkaBrokers(): string[] {
  return (process.env['TEST_KAFKA_BROKERS'] ?? process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
}

/** A topic or group name no other test uses, so suites can share one broker. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}
