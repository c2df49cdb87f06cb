// The apps around the authorization server: the ones a person has authorised (listed and revoked by
// that person) and the clients a space's admins register by hand (name, redirect URIs, public or
// confidential). A client is a credential like an API key, so it takes the same role to manage.
import { OratorError } from '../../domain/errors.js';
import { requireSpaceRole } from '../spaces/space-access.js';
import type { Actor } from '../spaces/space-ports.js';
import type { MembershipStore } from '../users/user-ports.js';
import type { NewOAuthClient, OAuthAuthorizationServer, OAuthClientRow, OAuthRecordStore } from './oauth-ports.js';

export interface AuthorizedApp {
  grantId: string;
  clientId: string;
  /** The name the app registered with; null when it gave none. */
  clientName: string | null;
  spaceId: string | null;
  spaceName: string | null;
  scopes: string[];
  authorizedAt: number;
}

export interface OAuthClientSummary {
  clientId: string;
  name: string | null;
  redirectUris: string[];
  type: 'public' | 'confidential';
  createdAt: number;
}

export interface OAuthAppService {
  listAuthorizedApps(userId: string): Promise<AuthorizedApp[]>;
  /** Ends the app's access at once (every token of the grant); not_found unless it is this person's. */
  revokeAuthorizedApp(userId: string, grantId: string): Promise<void>;
  listClients(actor: Actor, spaceId: string): Promise<OAuthClientSummary[]>;
  registerClient(actor: Actor, spaceId: string, client: NewOAuthClient): Promise<OAuthClientSummary & { clientSecret: string | null }>;
  deleteClient(actor: Actor, spaceId: string, clientId: string): Promise<void>;
}

const nameOf = (metadata: Record<string, unknown>): string | null => (typeof metadata.client_name === 'string' && metadata.client_name !== '' ? metadata.client_name : null);

function summary(row: OAuthClientRow): OAuthClientSummary {
  const m = row.metadata;
  return {
    clientId: row.clientId,
    name: nameOf(m),
    redirectUris: Array.isArray(m.redirect_uris) ? (m.redirect_uris as string[]) : [],
    type: m.token_endpoint_auth_method === 'none' ? 'public' : 'confidential',
    createdAt: row.createdAt,
  };
}

const MAX_REDIRECT_URIS = 10;

function checkNewClient(client: NewOAuthClient): void {
  if (client.name.trim() === '') throw new OratorError('invalid_parameter', 'name: give the app a name people will recognise on the consent page', { param: 'name' });
  if (client.redirectUris.length === 0 || client.redirectUris.length > MAX_REDIRECT_URIS) {
    throw new OratorError('invalid_parameter', `redirect_uris: list between 1 and ${MAX_REDIRECT_URIS} redirect URIs`, { param: 'redirect_uris' });
  }
}

export function createOAuthAppService(deps: { store: OAuthRecordStore; server: OAuthAuthorizationServer; memberships: MembershipStore }): OAuthAppService {
  const { store, server, memberships } = deps;
  return {
    async listAuthorizedApps(userId) {
      const [grants, spaces] = await Promise.all([store.listGrantsOf(userId), memberships.listForUser(userId)]);
      const spaceNames = new Map(spaces.map((m) => [m.spaceId, m.spaceName]));
      return Promise.all(
        grants.map(async (g) => ({
          grantId: g.grantId,
          clientId: g.clientId,
          clientName: nameOf((await store.findClient(g.clientId))?.metadata ?? {}),
          spaceId: g.spaceId,
          spaceName: g.spaceId ? (spaceNames.get(g.spaceId) ?? null) : null,
          scopes: g.scope.split(' ').filter((s) => s !== ''),
          authorizedAt: g.createdAt,
        })),
      );
    },
    async revokeAuthorizedApp(userId, grantId) {
      const grants = await store.listGrantsOf(userId);
      if (!grants.some((g) => g.grantId === grantId)) throw new OratorError('not_found', `grant_id: you have authorised no app under ${grantId}`, { param: 'grant_id' });
      await store.deleteGrant(grantId);
    },
    async listClients(actor, spaceId) {
      await requireSpaceRole(memberships, actor, spaceId, 'manage_api_keys');
      return (await store.listClientsOwnedBy(spaceId)).map(summary);
    },
    async registerClient(actor, spaceId, client) {
      await requireSpaceRole(memberships, actor, spaceId, 'manage_api_keys');
      checkNewClient(client);
      const made = await server.registerClient({ ...client, name: client.name.trim() });
      await store.setClientOwner(made.clientId, spaceId);
      const row = await store.findClient(made.clientId);
      if (!row) throw new OratorError('internal_error', 'The new app client was not stored');
      return { ...summary(row), clientSecret: made.clientSecret };
    },
    async deleteClient(actor, spaceId, clientId) {
      await requireSpaceRole(memberships, actor, spaceId, 'manage_api_keys');
      if (!(await store.deleteOwnedClient(spaceId, clientId))) throw new OratorError('not_found', `client_id: no app client ${clientId} registered in this space`, { param: 'client_id' });
    },
  };
}
