import type { TransactionScope } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import type { PasswordHasher } from '../../security/password-hasher';
import { insertUser } from '../../users/usecases/create-user.usecase';
import type { UserAccount } from '../../users/user.entity';
import { UserRepository } from '../../users/user.repository';
import { activateInvitedUser } from './activate-invited-user';
import { ExternalIdentityRepository, type LinkedBy } from './external-identity.repository';
import type { SsoClaims } from './sso-claims';

export type ResolvedSsoUser =
  | { kind: 'user'; user: UserAccount; linkedBy: LinkedBy | 'existing-identity' }
  | { kind: 'no-verified-email' };

/**
 * Finds the Steerco user of a provider's subject: by the identity linked earlier; else by e-mail, only when
 * the provider verified the address (otherwise anyone could register that address at the provider and take
 * the account over), linking the identity and activating an invited user; else a new user, active without a password, created through the
 * same path as every user (audit record, created event). The user row is locked for the rest of the login.
 */
export async function resolveSsoUser(
  tx: TransactionScope,
  hasher: PasswordHasher,
  providerId: string,
  claims: SsoClaims,
  now: Date,
): Promise<ResolvedSsoUser> {
  // Two first sign-ins of one person at once would both create the user: the second waits, then finds it.
  await tx.sql.query('select pg_advisory_xact_lock(hashtext($1))', [`oidc:${providerId}:${claims.subject}`]);
  const users = new UserRepository(tx.em, IDENTITY_SCHEMA);
  const identities = new ExternalIdentityRepository(tx.sql, IDENTITY_SCHEMA);

  const linkedUserId = await identities.userOf(providerId, claims.subject);
  if (linkedUserId) {
    const user = await users.findForUpdate(linkedUserId);
    if (user) {
      await identities.recordLogin(providerId, claims.subject, now);
      return { kind: 'user', user, linkedBy: 'existing-identity' };
    }
  }
  if (!claims.email || !claims.emailVerified) return { kind: 'no-verified-email' };

  const existing = await users.findByEmailForUpdate(claims.email);
  if (existing) {
    await identities.link(providerId, claims.subject, existing.id, 'verified-email', now);
    if (existing.status === 'invited') await activateInvitedUser(tx, existing, providerId, now);
    return { kind: 'user', user: existing, linkedBy: 'verified-email' };
  }
  const created = await insertUser(tx, hasher, {
    email: claims.email,
    displayName: claims.displayName,
    mustChangePassword: false,
    mfaRequired: false,
    signsInExternally: true,
  });
  // The identity row references the user: the ORM must write the user before SQL writes the link.
  await tx.em.flush();
  await identities.link(providerId, claims.subject, created.id, 'created', now);
  const user = await users.findForUpdate(created.id);
  if (!user) throw new Error(`user ${created.id} vanished within its own transaction`);
  return { kind: 'user', user, linkedBy: 'created' };
}
