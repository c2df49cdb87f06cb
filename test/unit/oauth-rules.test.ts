// The small rules around the authorization server, as pure functions: default scopes, the scope a
// request needs, HeyGen's token shape, the request preparation (aliases, public URL, no remembered
// provider session), registration without redirect URIs, and the access-token shape check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { looksLikeAccessToken } from '../../src/auth/oauth/access-token-check.js';
import { newClientId, withBoundRedirectUri } from '../../src/auth/oauth/client-registration-rules.js';
import { validateRegistration } from '../../src/auth/oauth/registration-validator.js';
import { heygenTokenResponse } from '../../src/auth/oauth/heygen-oauth-compat.js';
import { prepareProviderRequest } from '../../src/auth/oauth/provider-request.js';
import { generateApiKey } from '../../src/auth/api-keys.js';
import { scopesNeededFor, withDefaultScopes } from '../../src/services/oauth/oauth-scopes.js';

test('an app asking for none of Orator’s scopes gets read and write; one naming any gets exactly what it named', () => {
  assert.equal(withDefaultScopes(undefined), 'read write');
  assert.equal(withDefaultScopes(''), 'read write');
  assert.equal(withDefaultScopes('openid profile email'), 'openid profile email read write', 'HeyGen’s CLI');
  assert.equal(withDefaultScopes('read'), 'read');
  assert.equal(withDefaultScopes('  manage_space   read '), 'manage_space read');
});

test('reads need read, changes write, space administration manage_space as well', () => {
  assert.deepEqual(scopesNeededFor('GET', '/v3/videos'), ['read']);
  assert.deepEqual(scopesNeededFor('HEAD', '/v3/videos/:video_id'), ['read']);
  assert.deepEqual(scopesNeededFor('POST', '/v3/videos'), ['write']);
  assert.deepEqual(scopesNeededFor('DELETE', '/v1/video.delete'), ['write']);
  assert.deepEqual(scopesNeededFor('GET', '/v3/spaces/:space_id/members'), ['read', 'manage_space']);
  assert.deepEqual(scopesNeededFor('POST', '/v3/spaces/:space_id/api-keys'), ['write', 'manage_space']);
  assert.deepEqual(scopesNeededFor('GET', '/v3/spaces'), ['read'], 'listing one’s own spaces is a read');
});

test('the token response keeps HeyGen’s four fields only', () => {
  assert.deepEqual(heygenTokenResponse({ access_token: 'a', expires_in: 864000, token_type: 'Bearer', refresh_token: 'r', scope: 'read write', id_token: 'x.y.z' }), {
    token_type: 'Bearer',
    access_token: 'a',
    expires_in: 864000,
    refresh_token: 'r',
  });
  assert.deepEqual(Object.keys(heygenTokenResponse({ access_token: 'a', expires_in: 1, token_type: 'Bearer' })), ['token_type', 'access_token', 'expires_in']);
});

function request(url: string, cookie?: string): IncomingMessage {
  return { url, headers: { host: 'internal:8080', 'x-forwarded-host': 'attacker.example', ...(cookie ? { cookie } : {}) } } as unknown as IncomingMessage;
}

test('requests reach the provider under the public URL, HeyGen’s aliases on their routes, authorizations without the remembered session', () => {
  const pub = new URL('https://orator.example.com');
  const refresh = request('/v1/oauth/refresh_token');
  prepareProviderRequest(refresh, pub);
  assert.equal(refresh.url, '/v1/oauth/token');
  assert.equal(refresh.headers['x-forwarded-host'], 'orator.example.com', 'a client-sent forwarded host is replaced');
  assert.equal(refresh.headers['x-forwarded-proto'], 'https');
  const metadata = request('/.well-known/oauth-authorization-server?x=1');
  prepareProviderRequest(metadata, pub);
  assert.equal(metadata.url, '/.well-known/openid-configuration?x=1');

  const cookies = '_session=abc; _session.sig=def; _interaction=keep; orator_session=keep-too';
  for (const url of ['/oauth/authorize?client_id=c', '/oauth/authorize/uid123']) {
    const r = request(url, cookies);
    prepareProviderRequest(r, pub);
    assert.equal(r.headers.cookie, ' _interaction=keep; orator_session=keep-too', url);
  }
  const token = request('/v1/oauth/token', cookies);
  prepareProviderRequest(token, pub);
  assert.equal(token.headers.cookie, cookies, 'other endpoints keep their cookies');
});

test('registration without redirect URIs: a confidential client waiting for its first one; refused for a public client', () => {
  const registering = { oidc: { route: 'registration' } };
  const n8n: Record<string, unknown> = { token_endpoint_auth_method: 'client_secret_basic', response_types: ['code'], grant_types: ['authorization_code', 'refresh_token'] };
  validateRegistration(registering, 'orator_redirect_pending', undefined, n8n);
  assert.equal(n8n.orator_redirect_pending, true);
  assert.deepEqual(n8n.redirect_uris, []);
  assert.deepEqual(n8n.response_types, []);
  assert.throws(
    () => validateRegistration(registering, 'orator_redirect_pending', undefined, { token_endpoint_auth_method: 'none' }),
    (err: { error?: string; error_description?: string }) => err.error === 'invalid_redirect_uri' && /redirect_uris must list/.test(err.error_description ?? ''),
  );
  const forged: Record<string, unknown> = { redirect_uris: ['https://a.example/cb'], orator_redirect_pending: true };
  validateRegistration(registering, 'orator_redirect_pending', true, forged);
  assert.equal(forged.orator_redirect_pending, undefined, 'only the server sets the flag');
  const stored: Record<string, unknown> = { orator_redirect_pending: true, redirect_uris: [] };
  validateRegistration({ oidc: { route: 'authorization' } }, 'orator_redirect_pending', true, stored);
  assert.equal(stored.orator_redirect_pending, true, 'loading a stored client changes nothing');

  assert.deepEqual(withBoundRedirectUri({ client_id: 'c', orator_redirect_pending: true, redirect_uris: [], response_types: [], grant_types: ['refresh_token'] }, 'https://n8n.example/cb'), {
    client_id: 'c',
    redirect_uris: ['https://n8n.example/cb'],
    response_types: ['code'],
    grant_types: ['refresh_token', 'authorization_code'],
  });
});

test('access tokens and API keys never share a shape', () => {
  assert.equal(looksLikeAccessToken('vmYGHGMNXozsMvnaFY7kLwSVODODQILA2tpCL9xy9kT'), true);
  assert.equal(looksLikeAccessToken(generateApiKey()), false);
  assert.equal(looksLikeAccessToken(`sk_${'a'.repeat(40)}`), false);
  assert.equal(looksLikeAccessToken(newClientId()), false);
  assert.equal(looksLikeAccessToken('a'.repeat(44)), false);
});
