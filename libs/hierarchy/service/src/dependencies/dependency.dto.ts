import { z } from 'zod';
import { nodeSnapshotSchema } from '@steerco/contracts';

export const addDependencySchema = z.strictObject({ predecessorId: z.uuid() });
export type AddDependencyInput = z.infer<typeof addDependencySchema>;

export const dependencyParamsSchema = z.strictObject({ id: z.uuid(), predecessorId: z.uuid() });

export const dependenciesResponseSchema = z.object({
  predecessors: z.array(nodeSnapshotSchema).describe('Measures this one depends on'),
  successors: z.array(nodeSnapshotSchema).describe('Measures that depend on this one'),
});
