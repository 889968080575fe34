import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';

/** What authenticator apps show above the code. */
const ISSUER = 'Steerco';

/**
 * RFC 6238 TOTP with the parameters every authenticator app supports (SHA-1, 6 digits, 30 s), a 160-bit
 * secret, and one step of clock drift either way.
 */
export const Totp = {
  newSecret(): string {
    return generateSecret({ length: 20 });
  },

  uri(secret: string, email: string): string {
    return generateURI({ issuer: ISSUER, label: email, secret });
  },

  qrCode(uri: string): Promise<string> {
    return toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 256 });
  },

  /**
   * The time step the code belongs to, or null when it is wrong. A step at or before `lastUsedStep` is refused
   * even with the right code: a code seen once (over a shoulder, in a proxy log) cannot be replayed.
   */
  async verify(secret: string, code: string, lastUsedStep: number | null): Promise<number | null> {
    const result = await verify({
      secret,
      token: code.replace(/\s/g, ''),
      epochTolerance: 30,
      ...(lastUsedStep === null ? {} : { afterTimeStep: lastUsedStep }),
    });
    // The functional API types its result for HOTP and TOTP alike; a TOTP result carries the time step.
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  },
};
