import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { userCreatedV1, type UserSnapshot } from '@steerco/contracts';
import { assertPasswordAcceptable, IdentityErrors, normalizeEmail } from '@steerco/identity-domain';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { TransactionScope, UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../identity.constants';
import { PasswordHasher } from '../../security/password-hasher';
import type { CreateUserInput } from '../dto/user.dto';
import { UserAccount } from '../user.entity';
import { toSnapshot } from '../user.mapper';
import { UserRepository } from '../user.repository';

export interface NewUser {
  email: string;
  displayName: string;
  locale?: string;
  timeZone?: string;
  password?: string;
  /** A password someone else chose or generated must be replaced at the first login. */
  mustChangePassword: boolean;
  mfaRequired: boolean;
  /** Only the bootstrap creates an installation administrator. */
  platformAdmin?: boolean;
  /**
   * Created at a single sign-on (src/oidc): active without a password, since the provider proved who they are;
   * the caller links the external identity in the same transaction.
   */
  signsInExternally?: boolean;
}

/** Inserts a user with its audit record and created event, in the caller's transaction. */
export async function insertUser(
  tx: TransactionScope,
  hasher: PasswordHasher,
  input: NewUser,
): Promise<UserSnapshot> {
  const email = normalizeEmail(input.email);
  if (input.password !== undefined) assertPasswordAcceptable(input.password, 'body.password', { email });
  if (await new UserRepository(tx.em, IDENTITY_SCHEMA).findByEmail(email)) {
    throw IdentityErrors.EMAIL_TAKEN(`A user with ${email} exists.`, [
      { field: 'body.email', message: 'taken' },
    ]);
  }
  const now = new Date();
  const user = tx.em.create(UserAccount, {
    id: randomUUID(),
    email,
    displayName: input.displayName,
    status: input.password === undefined && !input.signsInExternally ? 'invited' : 'active',
    locale: input.locale ?? 'en',
    timeZone: input.timeZone ?? 'UTC',
    passwordHash: input.password === undefined ? null : await hasher.hash(input.password),
    mustChangePassword: input.password !== undefined && input.mustChangePassword,
    passwordChangedAt: input.password === undefined ? null : now,
    mfaRequired: input.mfaRequired,
    platformAdmin: input.platformAdmin ?? false,
    assignmentVersion: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: tx.context.actor,
    updatedBy: tx.context.actor,
  } as UserAccount);
  const snapshot = toSnapshot(user, false);
  tx.audit({
    objectType: 'user',
    objectId: user.id,
    action: 'created',
    changes: Object.fromEntries(
      Object.entries(snapshot).map(([field, after]) => [field, { before: null, after }]),
    ),
  });
  tx.emit({ definition: userCreatedV1, subject: user.id, aggregateVersion: 1, data: { user: snapshot } });
  return snapshot;
}

@Injectable()
export class CreateUserUseCase {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * With a password the user is active but must replace it at the first login (the admin knows it); without
   * one the user is invited and sets their own through an invitation.
   */
  execute(input: CreateUserInput): Promise<UserSnapshot> {
    return this.uow.run((tx) =>
      insertUser(tx, this.hasher, { ...input, mustChangePassword: true, mfaRequired: false }),
    );
  }
}
