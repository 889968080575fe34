import { z } from 'zod';
import { passwordField } from '../../users/dto/user.dto';

const opaqueToken = z.string().min(1).max(200);

export const loginSchema = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: passwordField,
});
export type LoginInput = z.infer<typeof loginSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string().describe('JWT for Authorization: Bearer, valid expiresIn seconds'),
  refreshToken: z.string().describe('Opaque; good for one exchange at /auth/refresh'),
  expiresIn: z.number().int(),
});
export const loginResponseSchema = z.union([
  tokenPairSchema,
  z.object({
    mfaRequired: z.literal(true),
    mfaToken: z.string().describe('Send with a code to /auth/mfa/verify within five minutes'),
    mfaEnrolmentRequired: z.boolean().describe('True: set up TOTP first with /auth/mfa/enrol'),
  }),
  z.object({
    passwordChangeRequired: z.literal(true),
    passwordChangeToken: z.string().describe('Send with a new password to POST /me/password'),
  }),
]);

export const mfaVerifySchema = z.strictObject({
  mfaToken: opaqueToken,
  code: z.string().trim().min(6).max(20).describe('A six-digit TOTP code or a recovery code'),
});
export type MfaVerifyInput = z.infer<typeof mfaVerifySchema>;
export const mfaVerifyResponseSchema = tokenPairSchema.extend({
  recoveryCodes: z.array(z.string()).optional().describe('Only when this code confirmed a forced set-up'),
});

export const mfaEnrolSchema = z.strictObject({ mfaToken: opaqueToken });
export const enrolmentResponseSchema = z.object({
  otpauthUri: z.string().describe('otpauth://totp/... for authenticator apps'),
  qrCodeDataUrl: z.string().describe('The same URI as a PNG QR code (data: URL)'),
});

export const refreshSchema = z.strictObject({ refreshToken: opaqueToken });
export type RefreshInput = z.infer<typeof refreshSchema>;

export const acceptInvitationSchema = z.strictObject({
  invitationToken: opaqueToken,
  password: passwordField,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;
