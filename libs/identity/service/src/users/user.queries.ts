import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { UserSnapshot } from '@steerco/contracts';
import { IdentityErrors } from '@steerco/identity-domain';
import { decodeCursor, encodeCursor, InjectUnitOfWork, type Page } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../identity.constants';
import type { ListUsersQuery } from './dto/user.dto';
import { toSnapshot } from './user.mapper';
import { UserRepository } from './user.repository';

const cursorSchema = z.strictObject({ e: z.string().min(1).max(254) });

@Injectable()
export class UserQueries {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  async get(id: string): Promise<UserSnapshot> {
    const users = new UserRepository(this.uow.reader(), IDENTITY_SCHEMA);
    const user = await users.findById(id);
    if (!user) throw IdentityErrors.USER_NOT_FOUND(`No user ${id}.`);
    return toSnapshot(user, await users.hasConfirmedMfa(id));
  }

  /** Keyset pages on the e-mail address: one row more than the page tells whether there is a next one. */
  async list(query: ListUsersQuery): Promise<Page<UserSnapshot>> {
    const limit = query.limit ?? 50;
    const users = new UserRepository(this.uow.reader(), IDENTITY_SCHEMA);
    const rows = await users.list({
      status: query.status,
      q: query.q,
      afterEmail: decodeCursor(query.cursor, cursorSchema)?.e,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const enrolled = await users.withConfirmedMfa(page.map((u) => u.id));
    const items = page.map((u) => toSnapshot(u, enrolled.has(u.id)));
    return rows.length > limit
      ? { items, nextCursor: encodeCursor({ e: items[items.length - 1].email }) }
      : { items };
  }
}
