import { OIDC_LOGIN_PATH } from '../login/oidc-paths';
import { oidcRedirectUri } from '../oidc.config';
import type { ProviderResponse } from './dto/oidc-provider.dto';
import type { OidcProviderRecord } from './oidc-provider.repository';

/** The associated data the client secret is sealed with: a sealed secret copied to another row does not open. */
export const clientSecretContext = (providerId: string) => `oidc-provider:${providerId}`;

/** The provider as admins see it: everything but the client secret. */
export function toProviderResponse(p: OidcProviderRecord, publicUrl: string | undefined): ProviderResponse {
  return {
    id: p.id,
    displayName: p.displayName,
    issuerUrl: p.issuerUrl,
    clientId: p.clientId,
    clientSecretSet: true,
    scopes: p.scopes,
    groupClaim: p.groupClaim,
    enabled: p.enabled,
    redirectUri: oidcRedirectUri(publicUrl),
    loginUrl: `${OIDC_LOGIN_PATH}?provider=${p.id}`,
    version: p.version,
  };
}

/** What an audit record shows of a provider: the secret only as "changed". */
export function auditedFields(p: OidcProviderRecord): Record<string, unknown> {
  return {
    displayName: p.displayName,
    issuerUrl: p.issuerUrl,
    clientId: p.clientId,
    scopes: p.scopes,
    groupClaim: p.groupClaim,
    enabled: p.enabled,
  };
}
