import { recordBody, type NewRecord } from './audit-trail';
import { canonicalJson } from './canonical-json';

/** The body as first defined: canonicalJson of the record's fields. Chains stored before must still verify. */
const reference = (r: NewRecord) =>
  canonicalJson({
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    actor: r.actor,
    objectType: r.object_type,
    objectId: r.object_id,
    action: r.action,
    changes: r.changes,
    correlationId: r.correlation_id,
    cause: r.cause,
  });

const base: NewRecord = {
  id: '019ac0de-0000-7000-8000-000000000001',
  occurred_at: new Date('2026-11-26T15:00:00.123Z'),
  actor: 'b3d1c3c4-1111-4222-8333-444455556666',
  object_type: 'node',
  object_id: '019ac0de-0000-7000-8000-000000000002',
  action: 'created',
  changes: {
    title: { before: null, after: 'Cut travel "costs"' },
    tags: { before: [], after: ['é', 'x\ny'] },
  },
  correlation_id: 'c0ffee00-0000-4000-8000-000000000000',
  cause: null,
};

describe('recordBody', () => {
  it.each<[string, NewRecord]>([
    ['a creation', base],
    ['a record with a cause', { ...base, cause: 'evt-1' }],
    ['a record with no actor', { ...base, actor: undefined as unknown as string }],
    ['empty changes', { ...base, changes: {} }],
    [
      'nested and unicode values',
      { ...base, changes: { b: { before: { z: 1, a: [null, 2] }, after: '😀\u2028' } } },
    ],
  ])('renders %s exactly as the canonical JSON of its fields', (_, record) => {
    expect(recordBody(record)).toBe(reference(record));
    expect(JSON.parse(recordBody(record))).toEqual(JSON.parse(reference(record)));
  });
});
