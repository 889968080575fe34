import { Injectable } from '@nestjs/common';
import { IdentityErrors } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { TransactionScope, UnitOfWork } from '@steerco/platform-persistence';
import { denied } from '../../access/access-denial';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import type { UserAccount } from '../../users/user.entity';
import { UserRepository } from '../../users/user.repository';
import { MfaService, type EnrolmentStart } from '../mfa.service';

/**
 * A logged-in user sets up TOTP for their own account: a secret is created (start), then confirmed with the
 * first code (confirm), which returns the recovery codes. Nobody sets up a second factor for someone else.
 */
@Injectable()
export class SelfEnrolmentUseCase {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly mfa: MfaService,
  ) {}

  start(callerId: string, userId: string): Promise<EnrolmentStart> {
    return this.asSelf(callerId, userId, (tx, user) => this.mfa.begin(tx, user, new Date()));
  }

  confirm(callerId: string, userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.asSelf(callerId, userId, async (tx, user) => {
      const codes = await this.mfa.confirm(tx, user, code, new Date());
      if (!codes)
        throw IdentityErrors.MFA_CONFIRMATION_FAILED('Enter the current code of the authenticator app.', [
          { field: 'body.code', message: 'does not match' },
        ]);
      return { recoveryCodes: codes };
    });
  }

  private asSelf<T>(
    callerId: string,
    userId: string,
    work: (tx: TransactionScope, user: UserAccount) => Promise<T>,
  ) {
    if (callerId !== userId) {
      throw denied(
        IdentityErrors.NOT_YOUR_ACCOUNT('Set up two-factor authentication for your own account.'),
        {
          callerId,
          operation: 'user.mfa-enrol',
          target: userId,
          reason: 'not the caller account',
        },
      );
    }
    return this.uow.run(async (tx) => {
      const user = await new UserRepository(tx.em, IDENTITY_SCHEMA).findForUpdate(userId);
      if (!user) throw IdentityErrors.USER_NOT_FOUND(`No user ${userId}.`);
      return work(tx, user);
    });
  }
}
