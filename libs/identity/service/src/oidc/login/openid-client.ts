import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };

export type OpenIdClientModule = typeof OpenIdClient;
export type OidcConfiguration = OpenIdClient.Configuration;

let loaded: Promise<OpenIdClientModule> | undefined;

/**
 * openid-client is an ES module only, and this workspace compiles to CommonJS (module node16), where a static
 * import of it does not type-check: it is loaded once, on the first single sign-on, by a dynamic import
 * (which Node 20.19+ and webpack resolve; Jest transforms it, see the projects' jest configs).
 */
export function openIdClient(): Promise<OpenIdClientModule> {
  loaded ??= import('openid-client');
  return loaded;
}
