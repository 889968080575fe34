import { Inject, Injectable } from '@nestjs/common';
import { userMfaEnrolledV1 } from '@steerco/contracts';
import {
  generateRecoveryCodes,
  IdentityErrors,
  looksLikeTotp,
  normalizeRecoveryCode,
} from '@steerco/identity-domain';
import type { TransactionScope } from '@steerco/platform-persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { sha256Hex } from '../security/opaque-token';
import { SecretBox } from '../security/secret-box';
import type { UserAccount } from '../users/user.entity';
import { toSnapshot, touch } from '../users/user.mapper';
import { MfaCredentialRepository } from './mfa-credential.repository';
import { Totp } from './totp';

export interface EnrolmentStart {
  otpauthUri: string;
  /** The same URI as a PNG QR code, for the web app to show. */
  qrCodeDataUrl: string;
}

/** TOTP set-up, confirmation and verification, inside the caller's transaction (the user row locked). */
@Injectable()
export class MfaService {
  private readonly box: SecretBox;

  constructor(@Inject(IDENTITY_CONFIG) config: IdentityConfig) {
    this.box = new SecretBox(config.IDENTITY_KEY_ENCRYPTION_KEY);
  }

  async begin(tx: TransactionScope, user: UserAccount, now: Date): Promise<EnrolmentStart> {
    const credentials = new MfaCredentialRepository(tx.sql, IDENTITY_SCHEMA);
    if ((await credentials.findForUpdate(user.id))?.confirmedAt) {
      throw IdentityErrors.MFA_ALREADY_ENROLLED('Reset it first (DELETE /users/{id}/mfa) to set up another.');
    }
    const secret = Totp.newSecret();
    await credentials.savePending(user.id, this.box.seal(secret, `mfa:${user.id}`), now);
    tx.audit({ objectType: 'user', objectId: user.id, action: 'mfa.enrolment-started', changes: {} });
    const otpauthUri = Totp.uri(secret, user.email);
    return { otpauthUri, qrCodeDataUrl: await Totp.qrCode(otpauthUri) };
  }

  /** Whether a set-up waits for its first code. */
  async pending(tx: TransactionScope, userId: string): Promise<boolean> {
    const credential = await new MfaCredentialRepository(tx.sql, IDENTITY_SCHEMA).findForUpdate(userId);
    return credential !== null && credential.confirmedAt === null;
  }

  /**
   * Confirms a pending set-up with its first code and creates the ten recovery codes, returned in clear this
   * once. Null when the code is wrong (the set-up stays pending).
   */
  async confirm(tx: TransactionScope, user: UserAccount, code: string, now: Date): Promise<string[] | null> {
    const credentials = new MfaCredentialRepository(tx.sql, IDENTITY_SCHEMA);
    const credential = await credentials.findForUpdate(user.id);
    if (!credential || credential.confirmedAt) {
      throw IdentityErrors.MFA_NOT_PENDING('Start a set-up first (POST /users/{id}/mfa).');
    }
    const step = await Totp.verify(this.box.open(credential.secret, `mfa:${user.id}`), code, null);
    if (step === null) return null;
    await credentials.confirm(user.id, step, now);
    const codes = generateRecoveryCodes();
    await credentials.replaceRecoveryCodes(
      user.id,
      codes.map((c) => sha256Hex(normalizeRecoveryCode(c))),
      now,
    );
    touch(user, tx.context.actor, now);
    tx.audit({
      objectType: 'user',
      objectId: user.id,
      action: 'mfa.enrolled',
      changes: { mfaEnrolled: { before: false, after: true } },
    });
    tx.emit({
      definition: userMfaEnrolledV1,
      subject: user.id,
      aggregateVersion: user.version,
      data: { user: toSnapshot(user, true) },
    });
    return codes;
  }

  /**
   * Checks a second-factor code of a user with a confirmed set-up: a TOTP code of a step not used before, or an
   * unused recovery code, which is used up. Returns the method that matched, or null.
   */
  async verify(
    tx: TransactionScope,
    userId: string,
    code: string,
    now: Date,
  ): Promise<'otp' | 'recovery-code' | null> {
    const credentials = new MfaCredentialRepository(tx.sql, IDENTITY_SCHEMA);
    const credential = await credentials.findForUpdate(userId);
    if (!credential?.confirmedAt) return null;
    if (looksLikeTotp(code)) {
      const secret = this.box.open(credential.secret, `mfa:${userId}`);
      const step = await Totp.verify(secret, code, credential.lastUsedStep);
      if (step === null) return null;
      await credentials.recordUsedStep(userId, step);
      return 'otp';
    }
    const used = await credentials.useRecoveryCode(userId, sha256Hex(normalizeRecoveryCode(code)), now);
    return used ? 'recovery-code' : null;
  }
}
