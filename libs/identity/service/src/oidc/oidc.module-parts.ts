import { SsoAssignmentGranting } from './groups/sso-assignment-granting';
import { OidcClients } from './login/oidc-clients';
import { OidcLoginController } from './login/oidc-login.controller';
import { CompleteOidcLoginUseCase } from './login/usecases/complete-oidc-login.usecase';
import { StartOidcLoginUseCase } from './login/usecases/start-oidc-login.usecase';
import { PlatformAdminGuard } from './platform-admin.guard';
import { OidcProvidersController } from './providers/oidc-providers.controller';
import { ManageGroupMappingsUseCase } from './providers/usecases/manage-group-mappings.usecase';
import { ManageProvidersUseCase } from './providers/usecases/manage-providers.usecase';

/** Single sign-on's controllers and providers, listed by IdentityModule. */
export const oidcControllers = [OidcLoginController, OidcProvidersController];
export const oidcProviders = [
  OidcClients,
  StartOidcLoginUseCase,
  CompleteOidcLoginUseCase,
  SsoAssignmentGranting,
  ManageProvidersUseCase,
  ManageGroupMappingsUseCase,
  PlatformAdminGuard,
];
