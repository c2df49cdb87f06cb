// The authorization server's rules over HTTP (inject), as an app and its user's browser meet them:
// HeyGen's token shape, PKCE for public clients, exact redirect URIs, single-use codes bound to client,
// redirect URI and verifier, rotating refresh tokens whose reuse revokes the family, revocation,
// CSRF on the consent form, and HeyGen's n8n node registering with an empty body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageClient } from '../support/page-client.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import {
  approve,
  authorizeUrl,
  bearer,
  exchangeCode,
  follow,
  obtainCode,
  openConsent,
  pkcePair,
  registerClient,
  registerPublicClient,
  tokenRequest,
} from '../support/oauth-test-client.js';

const REDIRECT = 'https://app.example/callback';

const t = useTestPlatform({ startWorkers: false }, async (p) => {
  await p.platform.users.createUser({ email: 'ada@example.test', name: 'Ada Lovelace', password: 'analytical-engine' });
});

let browser: Promise<PageClient> | undefined;
/** One signed-in browser for the file (sign-in attempts per account are limited). */
function ada(): Promise<PageClient> {
  return (browser ??= (async () => {
    const page = new PageClient(t.app);
    assert.equal((await page.signIn('ada@example.test', 'analytical-engine')).status, 303);
    return page;
  })());
}

async function me(token: string) {
  return t.app.inject({ method: 'GET', url: '/v3/users/me', headers: bearer(token) });
}

test('metadata at /.well-known/oauth-authorization-server names the issuer and HeyGen’s endpoints', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
  assert.equal(r.statusCode, 200);
  const m = r.json();
  assert.equal(m.issuer, 'http://orator.test');
  assert.equal(m.authorization_endpoint, 'http://orator.test/oauth/authorize');
  assert.equal(m.token_endpoint, 'http://orator.test/v1/oauth/token');
  assert.equal(m.revocation_endpoint, 'http://orator.test/v1/oauth/revoke');
  assert.equal(m.registration_endpoint, 'http://orator.test/v1/oauth/register');
  assert.deepEqual(m.code_challenge_methods_supported, ['S256']);
  assert.deepEqual(m.response_types_supported, ['code']);
  assert.ok(m.scopes_supported.includes('read') && m.scopes_supported.includes('write'));
});

test('code → tokens in exactly HeyGen’s shape, refresh on both refresh URLs, /v3/users/me with the token', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const got = await obtainCode(page, client.client_id);
  const r = await exchangeCode(t.app, client.client_id, got);
  assert.equal(r.statusCode, 200, r.body);
  const tokens = r.json();
  assert.deepEqual(Object.keys(tokens).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
  assert.equal(tokens.token_type, 'Bearer');
  assert.equal(tokens.expires_in, 864000);
  assert.equal(r.headers['cache-control'], 'no-store');

  const who = await me(tokens.access_token);
  assert.equal(who.statusCode, 200, who.body);
  assert.equal(who.json().data.email, 'ada@example.test');
  assert.equal(who.json().data.space.space_id, 'space_default');

  const viaToken = await tokenRequest(t.app, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client.client_id });
  assert.equal(viaToken.statusCode, 200, viaToken.body);
  assert.deepEqual(Object.keys(viaToken.json()).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
  assert.notEqual(viaToken.json().refresh_token, tokens.refresh_token, 'refresh tokens rotate');
  const viaAlias = await tokenRequest(t.app, { grant_type: 'refresh_token', refresh_token: viaToken.json().refresh_token, client_id: client.client_id }, { url: '/v1/oauth/refresh_token' });
  assert.equal(viaAlias.statusCode, 200, viaAlias.body);
  assert.equal((await me(viaAlias.json().access_token)).statusCode, 200);
});

test('a replayed code is refused, and the tokens it first bought stop working', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const got = await obtainCode(page, client.client_id);
  const first = await exchangeCode(t.app, client.client_id, got);
  assert.equal(first.statusCode, 200, first.body);
  const again = await exchangeCode(t.app, client.client_id, got);
  assert.equal(again.statusCode, 400);
  assert.equal(again.json().error, 'invalid_grant');
  const after = await me(first.json().access_token);
  assert.equal(after.statusCode, 401, 'the grant of a replayed code is revoked');
  assert.equal(after.json().error.code, 'authentication_failed');
});

test('a code is bound to its verifier, its client and its redirect URI', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const other = await registerPublicClient(t.app);
  for (const [why, tamper] of [
    ['wrong verifier', (f: Record<string, string>) => ({ ...f, code_verifier: pkcePair().verifier })],
    ['no verifier', (f: Record<string, string>) => { const { code_verifier: _v, ...rest } = f; return rest; }],
    ['another client', (f: Record<string, string>) => ({ ...f, client_id: other.client_id })],
    ['another redirect URI', (f: Record<string, string>) => ({ ...f, redirect_uri: 'https://app.example/callback2' })],
  ] as const) {
    const got = await obtainCode(page, client.client_id);
    const fields = { grant_type: 'authorization_code', code: got.code, client_id: client.client_id, redirect_uri: got.redirectUri, code_verifier: got.pkce.verifier };
    const r = await tokenRequest(t.app, tamper(fields));
    assert.equal(r.statusCode, 400, `${why}: ${r.body}`);
    assert.match(r.json().error, /^invalid_(grant|request)$/, why);
  }
});

test('a code is short-lived: once past its expiry it buys nothing', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const got = await obtainCode(page, client.client_id);
  const db = t.platform.database.db;
  const row = await db.selectFrom('oauth_records').select('payload').where('model', '=', 'AuthorizationCode').where('id', '=', got.code).executeTakeFirstOrThrow();
  const payload = JSON.parse(row.payload);
  assert.ok(payload.exp - payload.iat <= 60, 'codes live at most 60 s');
  await db.updateTable('oauth_records').set({ payload: JSON.stringify({ ...payload, exp: payload.iat - 120 }) }).where('model', '=', 'AuthorizationCode').where('id', '=', got.code).execute();
  const r = await exchangeCode(t.app, client.client_id, got);
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error, 'invalid_grant');
});

test('a public client without PKCE, or with the plain method, gets an error back at its redirect URI and no code', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const base = { client_id: client.client_id, redirect_uri: REDIRECT, response_type: 'code', state: 's1' };
  for (const params of [base, { ...base, code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }]) {
    const r = await follow(page, await page.get(authorizeUrl(params)));
    const back = new URL(r.location!);
    assert.equal(back.origin + back.pathname, REDIRECT);
    assert.equal(back.searchParams.get('error'), 'invalid_request', back.toString());
    assert.equal(back.searchParams.get('code'), null);
  }
});

test('redirect URIs are matched exactly: a foreign one, a longer path, a prefix, an added query are refused on an error page', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const { challenge } = pkcePair();
  for (const uri of ['https://evil.example/callback', `${REDIRECT}/more`, 'https://app.example/call', `${REDIRECT}?next=1`, 'https://app.example.evil.test/callback', REDIRECT.toUpperCase()]) {
    const r = await page.get(authorizeUrl({ client_id: client.client_id, redirect_uri: uri, response_type: 'code', state: 's', code_challenge: challenge, code_challenge_method: 'S256' }));
    assert.equal(r.status, 400, `${uri}: ${r.status} ${r.location}`);
    assert.equal(r.location, undefined, `never redirected to ${uri}`);
    assert.match(r.headers['content-type'] as string, /text\/html/);
    assert.match(r.body, /redirect_uri did not match/);
  }
});

test('reusing a rotated refresh token revokes its whole family', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const tokens = (await exchangeCode(t.app, client.client_id, await obtainCode(page, client.client_id))).json();
  const refresh = (rt: string) => tokenRequest(t.app, { grant_type: 'refresh_token', refresh_token: rt, client_id: client.client_id });
  const next = await refresh(tokens.refresh_token);
  assert.equal(next.statusCode, 200);
  const reused = await refresh(tokens.refresh_token);
  assert.equal(reused.statusCode, 400);
  assert.equal(reused.json().error, 'invalid_grant');
  assert.equal((await me(next.json().access_token)).statusCode, 401, 'the newest access token is revoked with its family');
  assert.equal((await refresh(next.json().refresh_token)).statusCode, 400, 'the newest refresh token too');
});

test('POST /v1/oauth/revoke (RFC 7009): an access token ends with the tokens of its grant; a refresh token ends the grant', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const revoke = (token: string) => tokenRequest(t.app, { token, client_id: client.client_id }, { url: '/v1/oauth/revoke' });
  const refresh = (rt: string) => tokenRequest(t.app, { grant_type: 'refresh_token', refresh_token: rt, client_id: client.client_id });

  const first = (await exchangeCode(t.app, client.client_id, await obtainCode(page, client.client_id))).json();
  assert.equal((await revoke(first.access_token)).statusCode, 200);
  const after = await t.app.inject({ method: 'GET', url: '/v1/video.list', headers: bearer(first.access_token) });
  assert.equal(after.statusCode, 401);
  assert.equal(after.json().code, 401057, 'v1 envelope: INVALID_ACCESS_TOKEN');
  assert.match(after.json().message, /unknown or was revoked/);
  assert.match(after.headers['www-authenticate'] as string, /^Bearer error="invalid_token"/);
  assert.equal((await refresh(first.refresh_token)).statusCode, 400, 'oidc-provider revokes the other tokens of the grant too');

  const second = (await exchangeCode(t.app, client.client_id, await obtainCode(page, client.client_id))).json();
  assert.equal((await revoke(second.refresh_token)).statusCode, 200);
  assert.equal((await me(second.access_token)).statusCode, 401, 'revoking the refresh token ends the grant');
  assert.equal((await revoke('not-a-token-at-all')).statusCode, 200, 'an unknown token is answered 200, as RFC 7009 asks');
});

test('the consent form refuses a post without its CSRF token, and Deny sends access_denied back', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const { challenge } = pkcePair();
  const params = { client_id: client.client_id, redirect_uri: REDIRECT, response_type: 'code', state: 's', code_challenge: challenge, code_challenge_method: 'S256' };
  const { page: consent, path } = await openConsent(page, params);
  assert.equal(consent.status, 200);
  assert.match(consent.body, /<strong>Test app<\/strong>/);
  assert.match(consent.body, new RegExp(`<code>${REDIRECT}</code>`));
  assert.match(consent.headers['content-security-policy'] as string, /form-action 'self' https:\/\/app\.example;/);
  const forged = await page.post(path, { _csrf: null, decision: 'allow', space_id: 'space_default' });
  assert.equal(forged.status, 403);
  assert.equal(forged.location, undefined);
  assert.match(forged.body, /did not come from this site/);
  const denied = await follow(page, await page.post(path, { decision: 'deny' }));
  const back = new URL(denied.location!);
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('code'), null);
});

test('a signed-out visitor signs in first and comes back to the consent page', async () => {
  const page = new PageClient(t.app);
  const client = await registerPublicClient(t.app);
  const { challenge } = pkcePair();
  const { page: gate, path } = await openConsent(page, { client_id: client.client_id, redirect_uri: REDIRECT, response_type: 'code', state: 's', code_challenge: challenge, code_challenge_method: 'S256' });
  assert.equal(gate.status, 303);
  assert.equal(gate.location, `/sign-in?next=${encodeURIComponent(path)}`);
  const signed = await page.signIn('ada@example.test', 'analytical-engine', path);
  assert.equal(signed.location, path);
  assert.match((await page.get(path)).body, /asks to act as you, Ada Lovelace/);
});

test('HeyGen’s n8n node: registers with {} and no API key, then authorizes without PKCE and sends its secret in the body', async () => {
  // Exactly the node's request (operations/oauth/api_requests.ts): POST, JSON headers, an empty object.
  const reg = await t.app.inject({ method: 'POST', url: '/v1/oauth/register', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, payload: JSON.stringify({}) });
  assert.equal(reg.statusCode, 201, reg.body);
  const client = reg.json();
  assert.match(client.client_id, /^[\w-]{24}$/);
  assert.ok(client.client_secret, 'a confidential client: n8n asks for the secret too');
  const callback = 'https://n8n.example.test/rest/oauth2-credential/callback';

  // n8n's oAuth2Api with grantType authorizationCode, scope '' and authentication 'body'.
  const page = await ada();
  const consent = await openConsent(page, { client_id: client.client_id, redirect_uri: callback, response_type: 'code', state: 'n8n-state', scope: '' });
  assert.equal(consent.page.status, 200, consent.page.body);
  assert.match(consent.page.body, /An app without a name/);
  const back = await approve(page, consent);
  assert.equal(back.origin + back.pathname, callback);
  const token = await tokenRequest(t.app, { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: callback, client_id: client.client_id, client_secret: client.client_secret });
  assert.equal(token.statusCode, 200, token.body);
  assert.equal((await me(token.json().access_token)).json().data.email, 'ada@example.test');

  // The first redirect URI is bound for good.
  const elsewhere = await page.get(authorizeUrl({ client_id: client.client_id, redirect_uri: 'https://evil.example/callback', response_type: 'code', state: 's' }));
  assert.equal(elsewhere.status, 400);
  const noSecret = await tokenRequest(t.app, { grant_type: 'refresh_token', refresh_token: token.json().refresh_token, client_id: client.client_id });
  assert.equal(noSecret.statusCode, 401, 'a confidential client must authenticate');
});

test('registration: a public client must list its redirect URIs; a fragment is refused', async () => {
  for (const body of [{ token_endpoint_auth_method: 'none' }, { redirect_uris: ['https://app.example/cb#frag'] }]) {
    const r = await t.app.inject({ method: 'POST', url: '/v1/oauth/register', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    assert.equal(r.statusCode, 400, r.body);
    assert.match(r.json().error, /^invalid_(client_metadata|redirect_uri)$/);
  }
  const made = await registerClient(t.app, { redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' });
  assert.equal(made.client_secret, undefined);
});

test('HeyGen’s CLI scope `openid profile email`: the app still gets read and write, and the token answer keeps its four fields', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const got = await obtainCode(page, client.client_id, { scope: 'openid profile email' });
  const r = await exchangeCode(t.app, client.client_id, got);
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(Object.keys(r.json()).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type'], 'no id_token, no scope');
  const made = await t.app.inject({ method: 'POST', url: '/v3/videos', headers: bearer(r.json().access_token), payload: { type: 'avatar', avatar_id: 'Daisy-inskirt-20220818', script: 'Hi.' } });
  assert.equal(made.statusCode, 200, made.body);
});

test('the OAuth endpoints are in the OpenAPI document, the consent pages are not', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  for (const p of ['/oauth/authorize', '/v1/oauth/token', '/v1/oauth/refresh_token', '/v1/oauth/revoke', '/v1/oauth/register', '/.well-known/oauth-authorization-server', '/v3/spaces/{space_id}/oauth-clients']) {
    assert.ok(doc.paths[p], `${p} documented`);
  }
  assert.deepEqual(doc.paths['/v1/oauth/token'].post.security, [], 'no API key needed');
  assert.equal(doc.paths['/oauth/interaction/{uid}'], undefined);
  assert.equal(doc.paths['/account/apps'], undefined);
});
