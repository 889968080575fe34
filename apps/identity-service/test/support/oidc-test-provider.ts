import { createServer } from 'node:http';
import { freePort } from '@steerco/platform-testing';
import type Provider from 'oidc-provider';
import type { KoaContext } from 'oidc-provider';

/** Claims the test provider knows about a person, by `sub`. Tests change them between sign-ins. */
export type TestAccountClaims = {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  /** Not a claim: the methods the provider reports in the ID token's `amr` after the person logs in. */
  amrAtLogin?: string[];
};

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccountClaims>;
  close(): Promise<void>;
}

export const TEST_CLIENT_ID = 'steerco';
export const TEST_CLIENT_SECRET = 'a client secret nobody may read back 7f3a';

/**
 * A real OpenID provider (the `oidc-provider` package) on a loopback port: discovery, JWKS, authorization
 * endpoint with its development login and consent pages, token endpoint, UserInfo. One confidential client,
 * Steerco, registered with its callback, PKCE required. Claims come from `accounts`, as a directory would
 * answer them; e-mail and groups reach Steerco through UserInfo (the provider's default for code flow).
 */
export async function startTestOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const restoreConsole = quietProviderNotices();
  const { default: Provider } = await import('oidc-provider');
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map<string, TestAccountClaims>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: {
      // The ID token carries only the openid scope's claims: amr must be one of them.
      openid: ['sub', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const claims = accounts.get(sub);
      if (!claims) return undefined;
      const { amrAtLogin: _notAClaim, ...directory } = claims;
      return { accountId: sub, claims: async () => ({ sub, ...directory }) };
    },
    cookies: { keys: ['steerco-test-provider-cookies'] },
    features: { devInteractions: { enabled: true } },
  });
  provider.use(reportAuthenticationMethods(provider, accounts));
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    accounts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }).finally(restoreConsole),
  };
}

/**
 * The development login page records only who logged in. A real provider also says how (`amr`, e.g. `pwd`
 * and `mfa`): this finishes the login step itself, before the development page would, with the account's
 * `amrAtLogin`, so the ID token carries it.
 */
function reportAuthenticationMethods(provider: Provider, accounts: Map<string, TestAccountClaims>) {
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    if (ctx.method !== 'POST' || !ctx.path.startsWith('/interaction/')) return next();
    const { prompt } = await provider.interactionDetails(ctx.req, ctx.res);
    if (prompt.name !== 'login') return next();
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const accountId = new URLSearchParams(Buffer.concat(chunks).toString()).get('login') ?? '';
    const amr = accounts.get(accountId)?.amrAtLogin;
    const returnTo = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId, ...(amr ? { amr } : {}) } },
      { mergeWithLastSubmission: false },
    );
    ctx.status = 303;
    ctx.redirect(returnTo);
  };
}

/**
 * oidc-provider announces its development defaults (in-memory adapter, development keys and interactions,
 * Node 20) on the console: exactly what a test provider uses, so those lines are dropped; others pass.
 */
function quietProviderNotices(): () => void {
  const { info, warn } = console;
  const unlessProvider =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === 'string' && /oidc-provider (NOTICE|WARNING):/.test(args[0])) return;
      write(...args);
    };
  console.info = unlessProvider(info);
  console.warn = unlessProvider(warn);
  return () => {
    console.info = info;
    console.warn = warn;
  };
}
