import type { CloudEvent } from './cloud-event';
import { fromBusMessage, InvalidCloudEventError, toBusMessage } from './kafka-binding';

const event: CloudEvent = {
  specversion: '1.0',
  id: '0192f5a0-8c4e-7a31-9b9e-3f2d1c0b4a59',
  source: '/steerco/hierarchy',
  type: 'steerco.hierarchy.node.created.v1',
  time: '2026-11-26T10:00:00.000Z',
  subject: '5b0a3c1e-2f4d-4e6a-8b9c-0d1e2f3a4b5c',
  datacontenttype: 'application/json',
  actor: 'user-1',
  correlationid: 'corr-1',
  aggregateversion: 3,
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  data: { node: { title: 'Acme' } },
};

describe('CloudEvents Kafka binding (binary content mode)', () => {
  it('puts attributes in ce_* headers, the subject in the key and data in the value, and reads them back', () => {
    const message = toBusMessage('steerco.hierarchy.node.v1', event);
    expect(message.key).toBe(event.subject);
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: event.type,
      ce_aggregateversion: '3',
      'content-type': 'application/json',
    });
    expect(JSON.parse(message.value)).toEqual(event.data);
    expect(fromBusMessage(message)).toEqual(event);
  });

  it('names every bad attribute of a malformed envelope', () => {
    const message = toBusMessage('t', event);
    delete message.headers['ce_type'];
    message.headers['ce_id'] = 'not-a-uuid';
    try {
      fromBusMessage(message);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCloudEventError);
      expect((error as InvalidCloudEventError).issues.map((i) => i.split(':')[0]).sort()).toEqual([
        'id',
        'type',
      ]);
    }
  });

  it('refuses a value that is not JSON', () => {
    expect(() => fromBusMessage({ ...toBusMessage('t', event), value: '{oops' })).toThrow(
      InvalidCloudEventError,
    );
  });
});
