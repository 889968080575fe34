import { z } from 'zod';
import { nodeLevelSchema, userSnapshotSchema } from '@steerco/contracts';
import { assignmentResponseSchema } from '../assignments/dto/assignment.dto';

export const meResponseSchema = userSnapshotSchema.extend({
  permissions: z.object({
    rules: z
      .array(z.array(z.unknown()))
      .describe(
        "The caller's CASL rules, packed (packAbility of @steerco/authz); unpackAbility rebuilds them",
      ),
    nodes: z
      .array(
        z.object({
          id: z.uuid(),
          level: nodeLevelSchema,
          path: z.array(z.uuid()).describe('Ids from the organization down to this node'),
          archived: z.boolean(),
        }),
      )
      .describe('The nodes the rules are granted on'),
  }),
  assignments: z
    .array(
      assignmentResponseSchema.extend({
        roleName: z.string().nullable().describe('Null when the role no longer exists'),
        grantsNow: z
          .boolean()
          .describe('False when it grants nothing in this session: unknown node, or an MFA role without MFA'),
      }),
    )
    .describe('Your assignments that have not expired'),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
