import { userActivatedV1 } from '@steerco/contracts';
import type { TransactionScope } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import type { UserAccount } from '../../users/user.entity';
import { toSnapshot, touch } from '../../users/user.mapper';
import { UserRepository } from '../../users/user.repository';

/**
 * An invited user who signs in through a provider that verified their address has proved what the
 * invitation asks them to prove: they become active (without a password), as accepting the invitation
 * would make them, with the same audit record and event. Their invitation tokens stop working (they only
 * apply to invited users).
 */
export async function activateInvitedUser(
  tx: TransactionScope,
  user: UserAccount,
  providerId: string,
  now: Date,
): Promise<void> {
  user.status = 'active';
  touch(user, tx.context.actor, now);
  const snapshot = toSnapshot(
    user,
    await new UserRepository(tx.em, IDENTITY_SCHEMA).hasConfirmedMfa(user.id),
  );
  tx.audit({
    objectType: 'user',
    objectId: user.id,
    action: 'activated',
    changes: {
      status: { before: 'invited', after: 'active' },
      activatedBy: { before: null, after: `oidc provider ${providerId}` },
    },
  });
  tx.emit({
    definition: userActivatedV1,
    subject: user.id,
    aggregateVersion: user.version,
    data: { user: snapshot },
  });
}
