import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { BUILT_IN_ROLES } from '@steerco/authz';
import { generateRecoveryCodes, passwordProblems } from '@steerco/identity-domain';
import { ConfigError } from '@steerco/platform-config';
import { InjectUnitOfWork, LOGGER } from '@steerco/platform-nest';
import { runWithContext, SYSTEM_ACTOR, type Logger } from '@steerco/platform-observability';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { PasswordHasher } from '../security/password-hasher';
import { insertUser } from '../users/usecases/create-user.usecase';
import { UserRepository } from '../users/user.repository';

export const DEFAULT_ADMIN_EMAIL = 'admin@steerco.local';

/**
 * The first start of an installation creates its org admin, so that someone can log in at all: from
 * STEERCO_ADMIN_EMAIL and STEERCO_ADMIN_PASSWORD, or with a generated one-time password printed once (never
 * logged) and to be replaced at the first login. There is no default password. A second factor is
 * mandatory for the admin (the Org admin role requires one): the first login sets one up. Replicas starting together create one admin.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.STEERCO_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL;
    const given = this.config.STEERCO_ADMIN_PASSWORD;
    if (given !== undefined) {
      const problems = passwordProblems(given, { email });
      if (problems.length > 0) {
        throw new ConfigError([{ variable: 'STEERCO_ADMIN_PASSWORD', message: problems.join('; ') }]);
      }
    }
    const context = { correlationId: randomUUID(), actor: SYSTEM_ACTOR, cause: 'bootstrap' };
    const password = given ?? generateRecoveryCodes(2).join('-');
    const created = await runWithContext(context, () =>
      this.uow.run(async (tx) => {
        await tx.sql.query('select pg_advisory_xact_lock(hashtext($1))', [
          `steerco-bootstrap-${IDENTITY_SCHEMA}`,
        ]);
        if ((await new UserRepository(tx.em, IDENTITY_SCHEMA).count()) > 0) return false;
        await insertUser(tx, this.hasher, {
          email,
          displayName: 'Org admin',
          password,
          mustChangePassword: given === undefined,
          // No organization exists yet to assign the Org admin role on, so the flag carries its MFA rule.
          mfaRequired: BUILT_IN_ROLES['org-admin'].mfaRequired,
          platformAdmin: true,
        });
        return true;
      }),
    );
    if (!created) return;
    if (given !== undefined) {
      this.logger.info({ email }, 'org admin created from STEERCO_ADMIN_EMAIL and STEERCO_ADMIN_PASSWORD');
      return;
    }
    this.logger.warn({ email }, 'org admin created with a generated one-time password, printed once below');
    // Straight to stdout, not through the logger: log pipelines keep and ship records; this must be seen once.
    process.stdout.write(
      `\n  Steerco org admin: ${email}\n  One-time password: ${password}\n` +
        '  Log in with it once; you will be asked to choose a new password and set up two-factor authentication.\n\n',
    );
  }
}
