// What HeyGen's clients expect of the authorization server beyond plain oidc-provider, as one step
// around its request handling: the token response in HeyGen's exact shape, Orator's default scopes for
// clients that ask for none, and the first-use binding of a redirect URI.
import type { KoaContextLike, Provider } from 'oidc-provider';
import type { OAuthRecordStore } from '../../services/oauth/oauth-ports.js';
import { withDefaultScopes } from '../../services/oauth/oauth-scopes.js';
import { OAUTH_PATHS } from './oauth-paths.js';
import { REDIRECT_PENDING, withBoundRedirectUri } from './client-registration-rules.js';

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** HeyGen answers exactly `{token_type, access_token, expires_in, refresh_token}`: no scope, no id_token. */
export function heygenTokenResponse(body: Record<string, unknown>): Record<string, unknown> {
  return {
    token_type: 'Bearer',
    access_token: body.access_token,
    expires_in: body.expires_in,
    ...(body.refresh_token === undefined ? {} : { refresh_token: body.refresh_token }),
  };
}

async function bindFirstRedirectUri(provider: Provider, store: OAuthRecordStore, query: KoaContextLike['query']): Promise<void> {
  const clientId = first(query.client_id);
  const redirectUri = first(query.redirect_uri);
  if (!clientId || !redirectUri) return;
  const client = await store.findClient(clientId);
  if (client?.metadata[REDIRECT_PENDING] !== true) return;
  const bound = withBoundRedirectUri(client.metadata, redirectUri);
  try {
    await provider.Client.validate(bound);
  } catch {
    // Not a usable redirect URI (a fragment, not http(s)): the provider refuses the request as for any client.
    return;
  }
  await store.updateClientMetadata(clientId, bound);
}

export function installHeygenCompat(provider: Provider, store: OAuthRecordStore): void {
  provider.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === OAUTH_PATHS.authorization) {
      ctx.query = { ...ctx.query, scope: withDefaultScopes(first(ctx.query.scope)) };
      await bindFirstRedirectUri(provider, store, ctx.query);
    }
    await next();
    if (ctx.oidc?.route === 'token' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      ctx.body = heygenTokenResponse(ctx.body as Record<string, unknown>);
    }
  });
}
