// Bearer access tokens on API routes: the opaque token is looked up in the provider's own storage (no
// provider needed on the request path), then its grant and the person's place in the space are checked,
// so revoking the token, the app's grant or the membership takes effect on the next request.
import type { AccessTokenCheck, OAuthRecordStore } from '../../services/oauth/oauth-ports.js';
import type { Clock } from '../../services/ports.js';

/** oidc-provider's opaque token values: 256 random bits as 43 base64url characters (API keys start `sk_`). */
const ACCESS_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function looksLikeAccessToken(value: string): boolean {
  return ACCESS_TOKEN_SHAPE.test(value) && !value.startsWith('sk_');
}

export interface AccessTokenCheckDeps {
  store: OAuthRecordStore;
  clock: Clock;
  isMember(userId: string, spaceId: string): Promise<boolean>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const expired = (exp: unknown, now: number): boolean => typeof exp === 'number' && exp * 1000 <= now;

/** Synchronous for a value that is not shaped like a token: API keys in Bearer keep their promise-free path. */
export function checkAccessToken(deps: AccessTokenCheckDeps, token: string): AccessTokenCheck | Promise<AccessTokenCheck> {
  return looksLikeAccessToken(token) ? checkLiveToken(deps, token) : { kind: 'not_a_token' };
}

async function checkLiveToken(deps: AccessTokenCheckDeps, token: string): Promise<AccessTokenCheck> {
  const payload = await deps.store.find('AccessToken', token);
  if (!payload) return { kind: 'invalid', reason: 'it is unknown or was revoked' };
  const now = deps.clock.now();
  if (expired(payload.exp, now)) return { kind: 'expired' };
  const userId = str(payload.accountId);
  const grantId = str(payload.grantId);
  const clientId = str(payload.clientId);
  const spaceId = str((payload.extra as { space_id?: unknown } | undefined)?.space_id);
  if (!userId || !grantId || !clientId || !spaceId) return { kind: 'invalid', reason: 'it was not issued for the API' };
  const grant = await deps.store.find('Grant', grantId);
  if (!grant || expired(grant.exp, now)) return { kind: 'invalid', reason: 'the app’s access was revoked' };
  if (!(await deps.isMember(userId, spaceId))) return { kind: 'invalid', reason: 'the person who authorised the app is no longer a member of its space' };
  const scopes = new Set(String(payload.scope ?? '').split(' ').filter((s) => s !== ''));
  return { kind: 'valid', principal: { keyId: `user:${userId}`, spaceId, userId }, scopes, clientId };
}
