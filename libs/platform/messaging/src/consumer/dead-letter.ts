import { deadLetterTopic, type BusMessage } from '@steerco/contracts';

/** Headers a dead-lettered message carries besides its original ones. */
export const DLQ_HEADERS = {
  reason: 'steerco_dlq_reason',
  error: 'steerco_dlq_error',
  group: 'steerco_dlq_group',
  originalTopic: 'steerco_dlq_original_topic',
  attempts: 'steerco_dlq_attempts',
  failedAt: 'steerco_dlq_failed_at',
} as const;

export type DeadLetterReason = 'invalid_envelope' | 'invalid_payload' | 'handler_failed';

export function toDeadLetter(
  message: BusMessage,
  group: string,
  reason: DeadLetterReason,
  error: string,
  attempts: number,
): BusMessage {
  return {
    topic: deadLetterTopic(message.topic),
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DLQ_HEADERS.reason]: reason,
      [DLQ_HEADERS.error]: error.slice(0, 4000),
      [DLQ_HEADERS.group]: group,
      [DLQ_HEADERS.originalTopic]: message.topic,
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.failedAt]: new Date().toISOString(),
    },
  };
}
