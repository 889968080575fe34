import { isUuid } from '@steerco/contracts';
import { Injectable } from '@nestjs/common';
import { AbilityCache, createAppAbility, type Principal as AuthzPrincipal } from '@steerco/authz';
import { InjectUnitOfWork, PlatformErrors } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../identity.constants';
import type { CallerAccess } from './caller-access';
import type { CallerRef } from './caller.decorator';
import { loadUserAssignments } from './resolved-assignments';
import { sessionPassedMfa } from './session-mfa';

interface CallerRow {
  platform_admin: boolean;
  status: string;
  assignment_version: number;
}

/**
 * Builds the caller's access for a request: one query for the user's flags and assignment version, and on a
 * cache miss one for the assignments. The cache is keyed by the version every change bumps in the database,
 * so replicas never serve an ability older than the data.
 */
@Injectable()
export class AccessService {
  private readonly cache = new AbilityCache({ maxEntries: 5_000 });

  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  async forCaller({ principal, authorization }: CallerRef): Promise<CallerAccess> {
    const sql = this.uow.sqlReader();
    const mfaVerified = sessionPassedMfa(authorization);
    // A token whose subject is no user id (a development token for a made-up name) belongs to nobody.
    if (!isUuid(principal.userId)) {
      throw PlatformErrors.UNAUTHENTICATED('The access token belongs to no user of this installation.');
    }
    const [user] = await sql.query<CallerRow>(
      `select platform_admin, status, assignment_version from "${IDENTITY_SCHEMA}".user_account where id = $1`,
      [principal.userId],
    );
    // A disabled user's access token may live a few more minutes: it opens nothing here.
    if (!user || user.status !== 'active') {
      return {
        userId: principal.userId,
        platformAdmin: false,
        mfaVerified,
        assignmentVersion: 0,
        ability: createAppAbility([]),
      };
    }
    const who: AuthzPrincipal = { userId: principal.userId, mfaVerified };
    const ability =
      this.cache.peek(who, user.assignment_version) ??
      this.cache.put(who, user.assignment_version, (await loadUserAssignments(sql, who.userId)).resolved);
    return {
      userId: principal.userId,
      platformAdmin: user.platform_admin,
      mfaVerified,
      assignmentVersion: user.assignment_version,
      ability,
    };
  }
}
