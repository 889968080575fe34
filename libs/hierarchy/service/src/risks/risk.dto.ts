import { z } from 'zod';
import { riskSnapshotSchema } from '@steerco/contracts';

const score = z.number().int().min(1).max(5);
const fields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).nullable().optional(),
  probability: score,
  impact: score,
  mitigation: z.string().max(10_000).nullable().optional(),
  ownerId: z.string().trim().min(1).max(128).nullable().optional(),
};

export const RISK_FIELDS = [
  'title',
  'description',
  'probability',
  'impact',
  'mitigation',
  'ownerId',
  'status',
] as const;

export const raiseRiskSchema = z.strictObject(fields);
export type RaiseRiskInput = z.infer<typeof raiseRiskSchema>;

export const updateRiskSchema = z
  .strictObject({
    title: fields.title.optional(),
    description: fields.description,
    probability: score.optional(),
    impact: score.optional(),
    mitigation: fields.mitigation,
    ownerId: fields.ownerId,
    status: z.enum(['open', 'closed']).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' });
export type UpdateRiskInput = z.infer<typeof updateRiskSchema>;

export const riskParamsSchema = z.strictObject({ id: z.uuid(), riskId: z.uuid() });
export const riskResponseSchema = riskSnapshotSchema;
export const riskListSchema = z.object({ items: z.array(riskSnapshotSchema) });
