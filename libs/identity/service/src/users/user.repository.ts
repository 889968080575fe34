import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { emSqlClient } from '@steerco/platform-persistence';
import { normalizeEmail, type UserStatus } from '@steerco/identity-domain';
import { UserAccount } from './user.entity';

export interface UserListFilter {
  status?: UserStatus;
  q?: string;
  afterEmail?: string;
  limit: number;
}

export class UserRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly schema: string,
  ) {}

  findById(id: string): Promise<UserAccount | null> {
    return this.em.findOne(UserAccount, { id });
  }

  /** Locks the row: the version check, the write and the audit chain of the user cannot interleave. */
  findForUpdate(id: string): Promise<UserAccount | null> {
    return this.em.findOne(UserAccount, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  findByEmailForUpdate(email: string): Promise<UserAccount | null> {
    return this.em.findOne(
      UserAccount,
      { email: normalizeEmail(email) },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }

  findByEmail(email: string): Promise<UserAccount | null> {
    return this.em.findOne(UserAccount, { email: normalizeEmail(email) });
  }

  async count(): Promise<number> {
    return this.em.count(UserAccount, {});
  }

  /** Keyset pages on the e-mail address, which is unique and what people look a user up by. */
  list(filter: UserListFilter): Promise<UserAccount[]> {
    const q = filter.q ? `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    return this.em.find(
      UserAccount,
      {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.afterEmail ? { email: { $gt: filter.afterEmail } } : {}),
        ...(q ? { $or: [{ email: { $like: q } }, { displayName: { $ilike: q } }] } : {}),
      },
      { orderBy: { email: 'asc' }, limit: filter.limit },
    );
  }

  /** Which of these users have a confirmed second factor. */
  async withConfirmedMfa(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await emSqlClient(this.em).query<{ user_id: string }>(
      `select user_id from "${this.schema}".mfa_credential
        where confirmed_at is not null and user_id = any($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  async hasConfirmedMfa(id: string): Promise<boolean> {
    return (await this.withConfirmedMfa([id])).has(id);
  }
}
