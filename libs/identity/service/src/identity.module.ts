import { type DynamicModule, Module } from '@nestjs/common';
import { OpenApiModule, ServicePersistenceModule } from '@steerco/platform-nest';
import { AuthController } from './auth/auth.controller';
import { accessControllers, accessProviders } from './access/access.providers';
import { AcceptInvitationUseCase } from './auth/usecases/accept-invitation.usecase';
import { ChangePasswordUseCase } from './auth/usecases/change-password.usecase';
import { LoginUseCase } from './auth/usecases/login.usecase';
import { LogoutUseCase } from './auth/usecases/logout.usecase';
import { RefreshSessionUseCase } from './auth/usecases/refresh-session.usecase';
import { StartMfaEnrolmentUseCase } from './auth/usecases/start-mfa-enrolment.usecase';
import { VerifyMfaUseCase } from './auth/usecases/verify-mfa.usecase';
import { AdminBootstrap } from './bootstrap/admin-bootstrap';
import { assertIdentityConfigSafe, IDENTITY_CONFIG, type IdentityConfig } from './identity.config';
import { IDENTITY_SCHEMA, IDENTITY_SERVICE } from './identity.constants';
import { identityEntities } from './identity.entities';
import { JwksController } from './keys/jwks.controller';
import { KeyStore } from './keys/key-store';
import { TokenIssuer } from './keys/token-issuer';
import { MeController } from './me/me.controller';
import { MfaController } from './mfa/mfa.controller';
import { MfaService } from './mfa/mfa.service';
import { ResetMfaUseCase } from './mfa/usecases/reset-mfa.usecase';
import { SelfEnrolmentUseCase } from './mfa/usecases/self-enrolment.usecase';
import { identityMigrations } from './migrations';
import { oidcControllers, oidcProviders } from './oidc/oidc.module-parts';
import { PasswordHasher } from './security/password-hasher';
import { SessionStarter } from './sessions/session-starter';
import { CreateUserUseCase } from './users/usecases/create-user.usecase';
import { DisableUserUseCase } from './users/usecases/disable-user.usecase';
import { EnableUserUseCase } from './users/usecases/enable-user.usecase';
import { IssueInvitationUseCase } from './users/usecases/issue-invitation.usecase';
import { UpdateUserUseCase } from './users/usecases/update-user.usecase';
import { UserQueries } from './users/user.queries';
import { UsersController } from './users/users.controller';

/**
 * The identity service: users, local login with throttling, TOTP, access and refresh tokens, the JWKS every
 * service verifies with. Hosted by its own process (apps/identity-service) or by the single-process mode.
 */
@Module({})
export class IdentityModule {
  /** `config` holds the identity variables (identityVariables), parsed with the platform ones at boot. */
  static forRoot(config: IdentityConfig): DynamicModule {
    assertIdentityConfigSafe(config);
    return {
      module: IdentityModule,
      imports: [
        ServicePersistenceModule.register({
          service: IDENTITY_SERVICE,
          schema: IDENTITY_SCHEMA,
          entities: identityEntities,
          migrations: identityMigrations,
        }),
        OpenApiModule.forService(IDENTITY_SERVICE, '1.0.0'),
      ],
      controllers: [
        AuthController,
        UsersController,
        MfaController,
        MeController,
        JwksController,
        ...accessControllers,
        ...oidcControllers,
      ],
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        PasswordHasher,
        KeyStore,
        TokenIssuer,
        SessionStarter,
        MfaService,
        LoginUseCase,
        VerifyMfaUseCase,
        StartMfaEnrolmentUseCase,
        RefreshSessionUseCase,
        LogoutUseCase,
        AcceptInvitationUseCase,
        ChangePasswordUseCase,
        CreateUserUseCase,
        UpdateUserUseCase,
        DisableUserUseCase,
        EnableUserUseCase,
        IssueInvitationUseCase,
        UserQueries,
        SelfEnrolmentUseCase,
        ResetMfaUseCase,
        AdminBootstrap,
        ...accessProviders,
        ...oidcProviders,
      ],
      exports: [KeyStore],
    };
  }
}
