// Ports of the OAuth 2.0 authorization server. The grant logic is oidc-provider's (src/auth/oauth/); what
// Orator supplies is its storage (OAuthRecordStore, on the database), the people and spaces behind a
// grant, and the pages. The HTTP layer sees only OAuthAuthorizationServer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../ports.js';
import type { OAuthScope } from './oauth-scopes.js';

/** One stored oidc-provider model instance (a client, grant, code, token, session or interaction) as the provider hands it over. */
export type OAuthPayload = Record<string, unknown>;

/** oidc-provider's adapter contract, per model name, on one table. */
export interface OAuthRecordStore {
  upsert(model: string, id: string, payload: OAuthPayload, expiresAt: number | null, now: number): Promise<void>;
  /** The payload, with `consumed` set when it was consumed; undefined when absent (expired rows stay until purged, so expiry is told apart). */
  find(model: string, id: string): Promise<OAuthPayload | undefined>;
  findByUid(model: string, uid: string): Promise<OAuthPayload | undefined>;
  findByUserCode(model: string, userCode: string): Promise<OAuthPayload | undefined>;
  consume(model: string, id: string, at: number): Promise<void>;
  destroy(model: string, id: string): Promise<void>;
  revokeByGrantId(model: string, grantId: string): Promise<void>;
  /** Rows that expired before `before`. */
  purgeExpired(before: number): Promise<number>;

  /** The space a grant acts on, chosen on the consent page (kept beside the provider's payload). */
  setGrantSpace(grantId: string, spaceId: string): Promise<void>;
  grantSpace(grantId: string): Promise<string | undefined>;
  /** The grants a person gave, newest first. */
  listGrantsOf(userId: string): Promise<OAuthGrantRow[]>;
  /** Removes the grant and every code and token issued under it. */
  deleteGrant(grantId: string): Promise<void>;

  /** Clients registered by a space's admins (dynamically registered ones have no owner). */
  setClientOwner(clientId: string, spaceId: string): Promise<void>;
  listClientsOwnedBy(spaceId: string): Promise<OAuthClientRow[]>;
  findClient(clientId: string): Promise<OAuthClientRow | undefined>;
  /** Removes the client and every grant, code and token it holds; false when it was not this space's. */
  deleteOwnedClient(spaceId: string, clientId: string): Promise<boolean>;
  /** Replaces a client's stored metadata (a redirect URI bound at first use). */
  updateClientMetadata(clientId: string, metadata: OAuthPayload): Promise<void>;
}

export interface OAuthGrantRow {
  grantId: string;
  clientId: string;
  userId: string;
  spaceId: string | null;
  /** The grant's OAuth scope string. */
  scope: string;
  createdAt: number;
}

export interface OAuthClientRow {
  clientId: string;
  /** As registered (snake_case RFC 7591 metadata, secret included). */
  metadata: OAuthPayload;
  ownerSpaceId: string | null;
  createdAt: number;
}

/** What the consent page shows and decides on. */
export interface OAuthInteraction {
  uid: string;
  clientId: string;
  clientName: string | null;
  redirectUri: string;
  /** Orator's scopes the app asked for (the defaults when it named none). */
  scopes: OAuthScope[];
}

export type AccessTokenCheck =
  | { kind: 'valid'; principal: Principal & { userId: string }; scopes: ReadonlySet<string>; clientId: string }
  | { kind: 'expired' }
  /** Shaped like an access token but not one that is live (unknown, revoked, its grant revoked, or its person gone from the space). */
  | { kind: 'invalid'; /** Why, as the end of a sentence: "it is unknown or was revoked". */ reason: string }
  /** Not shaped like an access token: treat it as an API key. */
  | { kind: 'not_a_token' };

export interface NewOAuthClient {
  name: string;
  redirectUris: string[];
  /** A public client (no secret) must use PKCE; a confidential one gets a secret. */
  type: 'public' | 'confidential';
}

export interface RegisteredOAuthClient {
  clientId: string;
  /** Confidential clients only; shown once. */
  clientSecret: string | null;
}

export interface OAuthAuthorizationServer {
  /** Answers the provider's endpoints (authorize, token, refresh, revoke, register, metadata, jwks) on Node's request and response. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The pending authorization behind the consent page; refused (`not_found`) when it expired or belongs to another browser. */
  interaction(req: IncomingMessage, res: ServerResponse): Promise<OAuthInteraction>;
  /** The person allowed the app: a grant for their space, and the URL that sends the browser on with a code. */
  approve(req: IncomingMessage, res: ServerResponse, decision: { userId: string; spaceId: string; scopes: OAuthScope[] }): Promise<string>;
  /** The person refused: the URL that sends the browser back to the app with access_denied. */
  deny(req: IncomingMessage, res: ServerResponse): Promise<string>;
  /** Synchronous (`not_a_token`) for a value not shaped like an access token. */
  checkAccessToken(token: string): AccessTokenCheck | Promise<AccessTokenCheck>;
  /** A client made by a space admin (validated as the provider validates registrations). */
  registerClient(client: NewOAuthClient): Promise<RegisteredOAuthClient>;
}
