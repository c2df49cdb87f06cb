// Orator's one addition to RFC 7591 registration. HeyGen's n8n node registers with an empty body `{}`:
// no redirect URIs, because n8n learns its callback URL only later, from its own address. Such a client
// is made confidential (it gets a secret, as the default client_secret_basic method asks) with no
// redirect URI yet; its first authorization request binds the URI it presents, exactly, for good
// (heygen-oauth-compat.ts). A code sent to a wrongly bound URI is worthless without the client's secret,
// which only the registrant holds. A public client has no secret, so it must register its URIs.
import { randomBytes } from 'node:crypto';

export const REDIRECT_PENDING = 'orator_redirect_pending';

export type Metadata = Record<string, unknown>;

/** 24 characters like HeyGen's own client ids, and never 43 like an access token. */
export function newClientId(): string {
  return randomBytes(18).toString('base64url');
}

/** The metadata of a pending client once `redirectUri` is bound: an ordinary authorization-code client. */
export function withBoundRedirectUri(metadata: Metadata, redirectUri: string): Metadata {
  const { [REDIRECT_PENDING]: _pending, ...rest } = metadata;
  const grants = Array.isArray(rest.grant_types) ? (rest.grant_types as string[]) : [];
  return { ...rest, redirect_uris: [redirectUri], response_types: ['code'], grant_types: [...new Set([...grants, 'authorization_code', 'refresh_token'])] };
}
