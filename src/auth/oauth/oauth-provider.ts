// oidc-provider configured as Orator's authorization server on HeyGen's paths. Every grant rule is the
// library's: PKCE (S256 only) required of public clients, redirect URIs compared exactly, codes single
// use for 60 s and bound to client, redirect URI and verifier, refresh tokens rotated on every use with a
// reused one revoking its grant. What is configured here: paths, lifetimes, storage, keys, which account
// and space a grant acts for, and how a sign-in is confirmed (always on Orator's own consent page).
import { Provider, interactionPolicy, type KoaContextLike } from 'oidc-provider';
import { ORATOR_SCOPES, OPENID_SCOPES } from '../../services/oauth/oauth-scopes.js';
import type { OAuthRecordStore } from '../../services/oauth/oauth-ports.js';
import type { Clock } from '../../services/ports.js';
import { oauthAdapterFactory } from './oauth-adapter.js';
import type { SigningJwks } from './oauth-keys.js';
import { newClientId } from './client-registration-rules.js';
import { validateRegistration } from './registration-validator.js';
import { ACCESS_TOKEN_TTL_SEC, OAUTH_PATHS } from './oauth-paths.js';
import { installHeygenCompat } from './heygen-oauth-compat.js';

const REFRESH_TOKEN_TTL_SEC = 30 * 24 * 3600;
/** A grant lasts until revoked, within reason: refresh tokens cannot outlive it. */
const GRANT_TTL_SEC = 5 * 365 * 24 * 3600;

export interface OAuthProviderOptions {
  issuer: string;
  store: OAuthRecordStore;
  clock: Clock;
  jwks: SigningJwks;
  cookieKeys: string[];
  findUser(id: string): Promise<{ id: string; email: string; displayName: string } | undefined>;
  /** The whole HTML page for an authorization request that cannot go back to its app. */
  renderErrorPage(title: string, message: string): string;
}

type ClientLike = { clientId: string; clientAuthMethod: string; applicationType: string; redirectUris: string[]; grantTypeAllowed(type: string): boolean };
type TokenLike = { grantId?: string; clientId?: string; isSenderConstrained?: () => boolean };

/** Every authorization is confirmed by the person signed in to Orator now, never by the provider's remembered session. */
function confirmedEachTime() {
  const policy = interactionPolicy.base();
  policy.get('login').checks.add(
    new interactionPolicy.Check('orator_confirm', 'each authorization is confirmed on the consent page by the signed-in person', (ctx) => {
      const result = (ctx.oidc as { result?: { login?: unknown } } | undefined)?.result;
      return result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

function refreshTokenTtl(ctx: { oidc?: { entities?: { RotatedRefreshToken?: { remainingTTL: number } } } } | undefined, token: TokenLike, client: ClientLike): number {
  // A browser app's refresh token is a bearer secret: its rotations never outlive the first one.
  const rotated = ctx?.oidc?.entities?.RotatedRefreshToken;
  if (rotated && client.clientAuthMethod === 'none' && !token.isSenderConstrained?.()) return rotated.remainingTTL;
  return REFRESH_TOKEN_TTL_SEC;
}

/** Only what HeyGen's flow needs; everything else the provider offers stays off. */
const FEATURES = {
  devInteractions: { enabled: false },
  // Bearer tokens only, as HeyGen's API takes them.
  dPoP: { enabled: false },
  // RFC 7591 without an initial access token, as HeyGen's n8n node calls it; no management tokens.
  registration: { enabled: true, initialAccessToken: false, issueRegistrationAccessToken: false, idFactory: newClientId },
  pushedAuthorizationRequests: { enabled: false },
  revocation: {
    enabled: true,
    allowedPolicy: async (_ctx: unknown, client: ClientLike, token: TokenLike) => token.clientId === client.clientId,
  },
  userinfo: { enabled: false },
  rpInitiatedLogout: { enabled: false },
};

function configuration(options: OAuthProviderOptions): Record<string, unknown> {
  const { store } = options;
  return {
    adapter: oauthAdapterFactory(store, options.clock),
    jwks: options.jwks,
    cookies: {
      keys: options.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    routes: {
      authorization: OAUTH_PATHS.authorization,
      token: OAUTH_PATHS.token,
      revocation: OAUTH_PATHS.revocation,
      registration: OAUTH_PATHS.registration,
      jwks: OAUTH_PATHS.jwks,
      // Disabled or unrouted: kept off HeyGen's paths.
      userinfo: '/oauth/userinfo',
      end_session: '/oauth/session/end',
      introspection: '/oauth/introspect',
      code_verification: '/oauth/device',
      device_authorization: '/oauth/device/auth',
      pushed_authorization_request: '/oauth/par',
      backchannel_authentication: '/oauth/backchannel',
    },
    features: FEATURES,
    responseTypes: ['code'],
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post'],
    scopes: [...OPENID_SCOPES, ...ORATOR_SCOPES],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    extraClientMetadata: { properties: ['orator_redirect_pending'], validator: validateRegistration },
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: (_ctx: unknown, client: ClientLike) => client.clientAuthMethod === 'none' },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SEC,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      // The provider's own session only carries one authorization to its end (see confirmedEachTime).
      Session: 3600,
      Grant: GRANT_TTL_SEC,
      RefreshToken: refreshTokenTtl,
    },
    rotateRefreshToken: true,
    // HeyGen's token response always carries a refresh token; no offline_access scope needed.
    issueRefreshToken: async (_ctx: unknown, client: ClientLike) => client.grantTypeAllowed('refresh_token'),
    // Tokens live by their own lifetime and their grant, not by the provider's browser session.
    expiresWithSession: async () => false,
    // The space the person chose on the consent page travels with every access token.
    extraTokenClaims: async (_ctx: unknown, token: TokenLike) => {
      const spaceId = token.grantId ? await store.grantSpace(token.grantId) : undefined;
      return spaceId ? { space_id: spaceId } : undefined;
    },
    findAccount: async (_ctx: unknown, id: string) => {
      const user = await options.findUser(id);
      if (!user) return undefined;
      return { accountId: user.id, claims: async () => ({ sub: user.id, email: user.email, name: user.displayName }) };
    },
    interactions: { url: async (_ctx: unknown, interaction: { uid: string }) => `${OAUTH_PATHS.interaction}/${interaction.uid}`, policy: confirmedEachTime() },
    clientBasedCORS: (_ctx: unknown, origin: string, client: ClientLike) =>
      origin !== 'null' && client.clientAuthMethod === 'none' && client.redirectUris.some((uri) => URL.parse(uri)?.origin === origin),
    renderError: async (ctx: KoaContextLike, out: { error?: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.set('x-frame-options', 'DENY');
      ctx.set('cache-control', 'no-store');
      ctx.body = options.renderErrorPage('The app cannot be connected', `${out.error_description ?? out.error ?? 'The request is not valid'}. Go back to the app and start again; if it keeps happening, tell whoever runs the app.`);
    },
  };
}

export function createOAuthProvider(options: OAuthProviderOptions): Provider {
  const provider = new Provider(options.issuer, configuration(options));
  // The request's own host and scheme are replaced by the public URL's (provider-request.ts), carried in
  // X-Forwarded-* headers the provider then trusts: every URL it hands out is under ORATOR_PUBLIC_URL.
  provider.proxy = true;
  installHeygenCompat(provider, options.store);
  return provider;
}
