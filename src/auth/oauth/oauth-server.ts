// The authorization server as the HTTP layer sees it (OAuthAuthorizationServer). oidc-provider is loaded
// on the first OAuth request, with its keys from the database, so a server nobody connects apps to
// never loads it; Bearer checks read the token storage directly and need no provider at all.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import { OratorError } from '../../domain/errors.js';
import type { NewOAuthClient, OAuthAuthorizationServer, OAuthInteraction, OAuthRecordStore, RegisteredOAuthClient } from '../../services/oauth/oauth-ports.js';
import { isOAuthScope, OPENID_SCOPES, type OAuthScope } from '../../services/oauth/oauth-scopes.js';
import type { Clock } from '../../services/ports.js';
import { checkAccessToken } from './access-token-check.js';
import type { OAuthProviderOptions } from './oauth-provider.js';
import type { SigningJwks } from './oauth-keys.js';
import { prepareProviderRequest } from './provider-request.js';
import { newClientId } from './client-registration-rules.js';

export interface OAuthServerOptions extends Omit<OAuthProviderOptions, 'jwks' | 'cookieKeys'> {
  /** The signing keys and cookie keys, made at first use and kept in the database. */
  loadKeys(): Promise<{ jwks: SigningJwks; cookieKeys: string[] }>;
  isMember(userId: string, spaceId: string): Promise<boolean>;
}

const PURGE_EVERY_MS = 3600_000;
/** Expired rows stay this long, so a client presenting an expired token is told it expired. */
const KEEP_EXPIRED_MS = 7 * 24 * 3600_000;

const words = (scope: unknown): string[] => (typeof scope === 'string' ? scope.split(' ').filter((w) => w !== '') : []);

function interactionGone(cause: unknown): OratorError {
  return new OratorError('not_found', 'This authorization request has expired or was started in another browser. Go back to the app and connect it again.', { cause });
}

/** Metadata as a registration would carry it, validated by the provider's own client schema, then stored. */
async function registerClient(provider: Provider, store: OAuthRecordStore, clock: Clock, client: NewOAuthClient): Promise<RegisteredOAuthClient> {
  const clientId = newClientId();
  const secret = client.type === 'confidential' ? randomBytes(48).toString('base64url') : null;
  const metadata = {
    client_id: clientId,
    client_name: client.name,
    redirect_uris: client.redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: secret ? 'client_secret_basic' : 'none',
    client_id_issued_at: Math.floor(clock.now() / 1000),
    ...(secret ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
  };
  try {
    await provider.Client.validate(metadata);
  } catch (err) {
    const why = (err as { error_description?: string }).error_description ?? (err as Error).message;
    throw new OratorError('invalid_parameter', `redirect_uris: ${why}`, { param: 'redirect_uris' });
  }
  await store.upsert('Client', clientId, metadata, null, clock.now());
  return { clientId, clientSecret: secret };
}

export function createOAuthServer(options: OAuthServerOptions): OAuthAuthorizationServer {
  const { store, clock } = options;
  const publicUrl = new URL(options.issuer);
  let loading: Promise<{ provider: Provider; callback: (req: IncomingMessage, res: ServerResponse) => void }> | undefined;
  let lastPurge = 0;
  const load = () =>
    (loading ??= (async () => {
      const [{ createOAuthProvider }, keys] = await Promise.all([import('./oauth-provider.js'), options.loadKeys()]);
      const provider = createOAuthProvider({ ...options, ...keys });
      return { provider, callback: provider.callback() };
    })().catch((err: unknown) => {
      // The keys come from the database: a start during an outage is tried again on the next request.
      loading = undefined;
      throw err;
    }));
  const details = async (req: IncomingMessage, res: ServerResponse) => {
    const { provider } = await load();
    try {
      return { provider, details: await provider.interactionDetails(req, res) };
    } catch (err) {
      throw interactionGone(err);
    }
  };

  return {
    handle(req, res) {
      prepareProviderRequest(req, publicUrl);
      const now = clock.now();
      if (now - lastPurge > PURGE_EVERY_MS) {
        lastPurge = now;
        void store.purgeExpired(now - KEEP_EXPIRED_MS).catch(() => {});
      }
      load().then(
        ({ callback }) => callback(req, res),
        () => {
          res.statusCode = 503;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ error: 'temporarily_unavailable', error_description: 'The authorization server could not start; try again shortly' }));
        },
      );
    },

    async interaction(req, res): Promise<OAuthInteraction> {
      const { provider, details: d } = await details(req, res);
      const clientId = String(d.params.client_id ?? '');
      const client = (await provider.Client.find(clientId)) as { clientName?: string } | undefined;
      if (!client) throw interactionGone(undefined);
      return {
        uid: d.uid,
        clientId,
        clientName: client.clientName ?? null,
        redirectUri: String(d.params.redirect_uri ?? ''),
        scopes: words(d.params.scope).filter(isOAuthScope),
      };
    },

    async approve(req, res, decision) {
      const { provider, details: d } = await details(req, res);
      const chosen = new Set<string>([...decision.scopes, ...OPENID_SCOPES]);
      const granted = words(d.params.scope).filter((w) => chosen.has(w));
      const grant = new provider.Grant({ accountId: decision.userId, clientId: String(d.params.client_id) });
      grant.addOIDCScope(granted.join(' '));
      const grantId = await grant.save();
      await store.setGrantSpace(grantId, decision.spaceId);
      return provider.interactionResult(req, res, { login: { accountId: decision.userId, remember: false }, consent: { grantId } }, { mergeWithLastSubmission: false });
    },

    async deny(req, res) {
      const { provider } = await details(req, res);
      return provider.interactionResult(req, res, { error: 'access_denied', error_description: 'The person declined to connect the app' }, { mergeWithLastSubmission: false });
    },

    checkAccessToken: (token) => checkAccessToken({ store, clock, isMember: options.isMember }, token),

    registerClient: async (client) => registerClient((await load()).provider, store, clock, client),
  };
}
