import { z } from 'zod';

/** RFC 6749 scope tokens: printable ASCII without space, quote or backslash. */
const scopeToken = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/, 'must be one scope token');
const claimName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_:.\-/]{1,100}$/, 'letters, digits and _ : . - / only');

export const createProviderSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(200),
  issuerUrl: z.url({ protocol: /^https?$/ }).describe('The issuer identifier; discovery is read under it'),
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(2000).describe('Write-only: stored encrypted, never returned'),
  scopes: z
    .array(scopeToken)
    .max(30)
    .default(['openid', 'email', 'profile'])
    .describe('openid is added when missing'),
  groupClaim: claimName.default('groups').describe('The claim listing the user’s groups'),
  enabled: z.boolean().default(true),
});
export type CreateProviderInput = z.infer<typeof createProviderSchema>;

export const updateProviderSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    issuerUrl: z.url({ protocol: /^https?$/ }).optional(),
    clientId: z.string().min(1).max(500).optional(),
    clientSecret: z.string().min(1).max(2000).optional().describe('Replaces the stored secret'),
    scopes: z.array(scopeToken).max(30).optional(),
    groupClaim: claimName.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' });
export type UpdateProviderInput = z.infer<typeof updateProviderSchema>;

export const providerResponseSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  issuerUrl: z.string(),
  clientId: z.string(),
  clientSecretSet: z.literal(true).describe('The secret itself is never returned'),
  scopes: z.array(z.string()),
  groupClaim: z.string(),
  enabled: z.boolean(),
  redirectUri: z
    .string()
    .nullable()
    .describe('Register this at the provider; null until IDENTITY_PUBLIC_URL is set'),
  loginUrl: z.string().describe('Where a "Sign in with ..." button sends the browser'),
  version: z.number().int().positive(),
});
export type ProviderResponse = z.infer<typeof providerResponseSchema>;
export const providerListSchema = z.object({ items: z.array(providerResponseSchema) });

export const providerIdParamsSchema = z.strictObject({ id: z.uuid() });
export const mappingParamsSchema = z.strictObject({ id: z.uuid(), mappingId: z.uuid() });

const mappingFields = {
  group: z.string().min(1).max(500).describe('A value of the provider’s group claim, matched exactly'),
  roleId: z.string().min(1).max(100).describe('A built-in role key (e.g. viewer) or a custom role id'),
  nodeId: z.uuid().describe('The hierarchy node the role is granted on, with its subtree'),
};
export const createMappingSchema = z.strictObject(mappingFields);
export type CreateMappingInput = z.infer<typeof createMappingSchema>;
export const updateMappingSchema = z
  .strictObject({
    group: mappingFields.group.optional(),
    roleId: mappingFields.roleId.optional(),
    nodeId: mappingFields.nodeId.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'send at least one field to change' });
export type UpdateMappingInput = z.infer<typeof updateMappingSchema>;

export const mappingResponseSchema = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  group: z.string(),
  roleId: z.string(),
  nodeId: z.uuid(),
});
export const mappingListSchema = z.object({ items: z.array(mappingResponseSchema) });
