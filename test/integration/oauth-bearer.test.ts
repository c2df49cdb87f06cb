// Bearer access tokens on the API routes (inject): they act as the person who authorised the app, in
// the space chosen on the consent page, within the scopes granted; expired and unknown tokens get
// HeyGen's 401056 and 401057; API keys keep working in Authorization: Bearer; people see and revoke
// their apps; space admins register app clients by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKey, DEFAULT_SPACE } from '../../src/auth/api-keys.js';
import { PageClient } from '../support/page-client.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { approve, authorizeUrl, bearer, exchangeCode, obtainCode, openConsent, registerPublicClient, tokenRequest } from '../support/oauth-test-client.js';

const TEAM = { id: 'space_team', name: 'Second team' };
const AVATAR = 'Daisy-inskirt-20220818';
const keys: Record<string, string> = {};

const t = useTestPlatform({ startWorkers: false }, async (p) => {
  await p.platform.users.createUser({ email: 'ada@example.test', name: 'Ada Lovelace', password: 'analytical-engine' });
  await p.platform.keys.ensureSpace(TEAM, Date.now());
  await p.platform.users.createUser({ email: 'bob@example.test', name: 'Bob Member', password: 'bob-password-1', space: { id: DEFAULT_SPACE.id, role: 'member' } });
  await p.platform.users.createUser({ email: 'tess@example.test', name: 'Tess Team', password: 'tess-password-1', space: { id: TEAM.id, role: 'owner' } });
  // Ada joins the team as a member too, so her consent page offers two spaces.
  const users = await p.platform.users.listUsers();
  const tess = users.find((u) => u.email === 'tess@example.test')!;
  const { url } = await p.platform.spaces.createInvitation({ userId: tess.id }, TEAM.id, { role: 'member' });
  await p.platform.spaces.acceptInvitation(url.split('/').at(-1)!, users.find((u) => u.email === 'ada@example.test')!);
  keys.default = (await createApiKey(p.platform.keys, { space: DEFAULT_SPACE, name: 'default' })).key;
  keys.team = (await createApiKey(p.platform.keys, { space: TEAM, name: 'team' })).key;
});

const browsers = new Map<string, Promise<PageClient>>();
function browserOf(email: string, password: string): Promise<PageClient> {
  let found = browsers.get(email);
  if (!found) {
    browsers.set(email, (found = (async () => {
      const page = new PageClient(t.app);
      assert.equal((await page.signIn(email, password)).status, 303);
      return page;
    })()));
  }
  return found;
}
const ada = () => browserOf('ada@example.test', 'analytical-engine');

async function tokensFor(page: PageClient, options: { scope?: string; space?: string } = {}) {
  const client = await registerPublicClient(t.app);
  const r = await exchangeCode(t.app, client.client_id, await obtainCode(page, client.client_id, options));
  assert.equal(r.statusCode, 200, r.body);
  return { client, ...(r.json() as { access_token: string; refresh_token: string }) };
}

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const createVideo = (headers: Record<string, string>, title = 'made with a token') =>
  t.app.inject({ method: 'POST', url: '/v3/videos', headers, payload: { type: 'avatar', avatar_id: AVATAR, script: 'Hello from an app.', title } });

test('a token acts as its person in its space: /v3/users/me, a new video, and no other space’s video', async () => {
  const { access_token } = await tokensFor(await ada());
  const made = await createVideo(bearer(access_token));
  assert.equal(made.statusCode, 200, made.body);
  const id = made.json().data.video_id;
  const seenByKey = await get(`/v3/videos/${id}`, { 'x-api-key': keys.default! });
  assert.equal(seenByKey.statusCode, 200, 'the video is in the default space');
  assert.equal(seenByKey.json().data.title, 'made with a token');

  const theirs = (await createVideo({ 'x-api-key': keys.team! }, 'the team’s video')).json().data.video_id;
  const refused = await get(`/v3/videos/${theirs}`, bearer(access_token));
  assert.equal(refused.statusCode, 404);
  assert.equal(refused.json().error.code, 'video_not_found');
  const listed = (await get('/v3/videos?limit=100', bearer(access_token))).json().data.map((v: { id: string }) => v.id);
  assert.ok(listed.includes(id) && !listed.includes(theirs));
  assert.equal((await t.app.inject({ method: 'DELETE', url: `/v3/videos/${theirs}`, headers: bearer(access_token) })).statusCode, 404);
});

test('an expired token: 401 with 401056 on v1, the v3 error object on v3, and WWW-Authenticate', async () => {
  const { access_token } = await tokensFor(await ada());
  const db = t.platform.database.db;
  const row = await db.selectFrom('oauth_records').select('payload').where('model', '=', 'AccessToken').where('id', '=', access_token).executeTakeFirstOrThrow();
  const payload = { ...JSON.parse(row.payload), exp: Math.floor(Date.now() / 1000) - 60 };
  await db.updateTable('oauth_records').set({ payload: JSON.stringify(payload) }).where('model', '=', 'AccessToken').where('id', '=', access_token).execute();

  const v1 = await get('/v1/video.list', bearer(access_token));
  assert.equal(v1.statusCode, 401);
  assert.equal(v1.json().code, 401056);
  assert.match(v1.json().message, /expired/);
  assert.match(v1.headers['www-authenticate'] as string, /^Bearer error="invalid_token", error_description="The access token has expired/);
  const v3 = await get('/v3/users/me', bearer(access_token));
  assert.equal(v3.statusCode, 401);
  assert.deepEqual(Object.keys(v3.json().error).sort(), ['code', 'doc_url', 'message', 'param']);
  assert.equal(v3.json().error.code, 'authentication_failed');
  assert.match(v3.json().error.message, /expired/);
});

test('an unknown token-shaped value is 401057; any other Bearer value is tried as an API key', async () => {
  const unknown = 'A'.repeat(43);
  const v1 = await get('/v1/video.list', bearer(unknown));
  assert.equal(v1.statusCode, 401);
  assert.equal(v1.json().code, 401057);
  const v3 = await get('/v3/videos', bearer(unknown));
  assert.equal(v3.json().error.code, 'authentication_failed');
  assert.match(v3.json().error.message, /not valid: it is unknown or was revoked/);

  const garbage = await get('/v1/video.list', bearer('not-a-key'));
  assert.equal(garbage.json().code, 400112, 'not token-shaped: refused as an API key, as before');
  assert.equal((await get('/v2/avatars', bearer(keys.default!))).statusCode, 200, 'an Orator API key as Bearer');
  const odd = (await createApiKey(t.platform.keys, { space: DEFAULT_SPACE, name: 'odd', key: 'Z'.repeat(43) })).key;
  assert.equal((await get('/v2/avatars', bearer(odd))).statusCode, 200, 'a configured key shaped like a token still works');
  const both = await get('/v3/users/me', { ...bearer(unknown), 'x-api-key': keys.team! });
  assert.equal(both.statusCode, 200, 'X-Api-Key wins over Bearer');
});

test('scopes: read only cannot change; the default cannot administer the space; manage_space can', async () => {
  const page = await ada();
  const reader = await tokensFor(page, { scope: 'read' });
  assert.equal((await get('/v3/videos', bearer(reader.access_token))).statusCode, 200);
  const write = await createVideo(bearer(reader.access_token));
  assert.equal(write.statusCode, 403);
  assert.match(write.json().error.message, /granted the scopes read; this request needs write/);
  assert.match(write.headers['www-authenticate'] as string, /error="insufficient_scope".*scope="write"/);

  const plain = await tokensFor(page);
  const admin = await get(`/v3/spaces/${DEFAULT_SPACE.id}/api-keys`, bearer(plain.access_token));
  assert.equal(admin.statusCode, 403);
  assert.match(admin.json().error.message, /needs manage_space/);
  const manager = await tokensFor(page, { scope: 'read write manage_space' });
  const members = await get(`/v3/spaces/${DEFAULT_SPACE.id}/members`, bearer(manager.access_token));
  assert.equal(members.statusCode, 200, members.body);
});

test('a person in two spaces chooses one on the consent page (the current one first chosen); the token acts there', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app);
  const consent = await openConsent(page, { client_id: client.client_id, redirect_uri: 'https://app.example/callback', response_type: 'code', state: 's', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
  assert.match(consent.page.body, /<select id="space_id" name="space_id"><option value="space_default" selected>Default space \(owner\)<\/option><option value="space_team">Second team \(member\)<\/option><\/select>/);
  const { access_token } = await tokensFor(page, { space: TEAM.id });
  const who = (await get('/v3/users/me', bearer(access_token))).json().data;
  assert.equal(who.space.space_id, TEAM.id);
  assert.equal(who.space.role, 'member');
  const theirs = (await createVideo({ 'x-api-key': keys.team! }, 'the team’s video')).json().data.video_id;
  assert.equal((await get(`/v3/videos/${theirs}`, bearer(access_token))).statusCode, 200, 'the team’s videos are its videos now');
});

test('the consent page names a single space; the token acts there; a space the person is not in cannot be posted', async () => {
  const tess = await browserOf('tess@example.test', 'tess-password-1');
  const client = await registerPublicClient(t.app);
  const consent = await openConsent(tess, { client_id: client.client_id, redirect_uri: 'https://app.example/callback', response_type: 'code', state: 's', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
  assert.match(consent.page.body, /in the space <strong>Second team<\/strong>/);
  const forged = await tess.post(consent.path, { decision: 'allow', space_id: DEFAULT_SPACE.id });
  assert.equal(forged.status, 403);
  assert.match(forged.body, /only connect an app to a space you belong to/);
  const { access_token } = await tokensFor(tess);
  const who = (await get('/v3/users/me', bearer(access_token))).json().data;
  assert.equal(who.email, 'tess@example.test');
  assert.equal(who.space.space_id, TEAM.id);
});

test('a token stops working when its person leaves the space', async () => {
  const bob = await browserOf('bob@example.test', 'bob-password-1');
  const { access_token } = await tokensFor(bob);
  assert.equal((await get('/v3/users/me', bearer(access_token))).statusCode, 200);
  const [owner] = await t.platform.users.listUsers();
  const bobId = (await t.platform.users.listUsers()).find((u) => u.email === 'bob@example.test')!.id;
  await t.platform.spaces.removeMember({ userId: owner!.id }, DEFAULT_SPACE.id, bobId);
  const after = await get('/v1/video.list', bearer(access_token));
  assert.equal(after.json().code, 401057);
  assert.match(after.json().message, /no longer a member/);
});

test('in one browser, whoever is signed in now is who the next authorization acts as', async () => {
  const page = new PageClient(t.app);
  assert.equal((await page.signIn('tess@example.test', 'tess-password-1')).status, 303);
  const client = await registerPublicClient(t.app);
  const first = (await exchangeCode(t.app, client.client_id, await obtainCode(page, client.client_id))).json();
  assert.equal((await get('/v3/users/me', bearer(first.access_token))).json().data.email, 'tess@example.test');
  await page.get('/sign-out');
  await page.post('/sign-out', {});
  assert.equal((await page.signIn('ada@example.test', 'analytical-engine')).status, 303);
  const second = (await exchangeCode(t.app, client.client_id, await obtainCode(page, client.client_id))).json();
  assert.equal((await get('/v3/users/me', bearer(second.access_token))).json().data.email, 'ada@example.test');
});

test('Your apps: the person sees the app and its space, and revoking it ends its tokens', async () => {
  const page = await ada();
  const client = await registerPublicClient(t.app, 'https://app.example/callback', 'Listed app');
  const got = await obtainCode(page, client.client_id);
  const tokens = (await exchangeCode(t.app, client.client_id, got)).json();
  const list = await page.get('/account/apps');
  assert.equal(list.status, 200);
  assert.match(list.body, /<strong>Listed app<\/strong><br><span class="muted">Default space · read, write · since /);
  const grantId = new RegExp(`Listed app[\\s\\S]*?name="grant_id" value="([^"]+)"`).exec(list.body)?.[1];
  assert.ok(grantId);
  const other = await browserOf('tess@example.test', 'tess-password-1');
  await other.get('/account/apps');
  assert.equal((await other.post('/account/apps/revoke', { grant_id: grantId })).status, 404, 'not someone else’s app');
  assert.equal((await get('/v3/users/me', bearer(tokens.access_token))).statusCode, 200);
  await page.get('/account/apps');
  const revoked = await page.post('/account/apps/revoke', { grant_id: grantId });
  assert.equal(revoked.location, '/account/apps?notice=revoked');
  assert.equal((await get('/v1/video.list', bearer(tokens.access_token))).json().code, 401057);
  assert.equal((await tokenRequest(t.app, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: client.client_id })).statusCode, 400);
  assert.doesNotMatch((await page.get('/account/apps')).body, /Listed app/);
});

test('space admins register app clients: public or confidential, listed, deleted with their grants; members cannot', async () => {
  const page = await ada();
  const csrf = await page.apiCsrf();
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) => page.api(method, url, { ...(body === undefined ? {} : { body }), csrf });
  const base = `/v3/spaces/${DEFAULT_SPACE.id}/oauth-clients`;
  const bad = await call('POST', base, { name: 'Bad', redirect_uris: ['https://app.example/cb#x'], type: 'public' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.param, 'redirect_uris');
  const made = await call('POST', base, { name: 'Studio sync', redirect_uris: ['https://studio.example/oauth'], type: 'confidential' });
  assert.equal(made.statusCode, 200, made.body);
  const client = made.json().data;
  assert.equal(client.type, 'confidential');
  assert.ok(client.client_secret);
  assert.deepEqual((await call('GET', base)).json().data.map((c: { client_id: string }) => c.client_id), [client.client_id]);
  const listed = (await call('GET', base)).json().data[0];
  assert.equal(listed.client_secret, undefined, 'the secret is shown once');

  // A confidential client authenticates with HTTP Basic; PKCE is optional for it.
  const consent = await openConsent(page, { client_id: client.client_id, redirect_uri: 'https://studio.example/oauth', response_type: 'code', state: 's' });
  assert.match(consent.page.body, /<strong>Studio sync<\/strong>/);
  const back = await approve(page, consent);
  const basic = `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`;
  const token = await tokenRequest(t.app, { grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: 'https://studio.example/oauth' }, { headers: { authorization: basic } });
  assert.equal(token.statusCode, 200, token.body);

  const bob = new PageClient(t.app);
  await t.platform.users.createUser({ email: 'mia@example.test', name: 'Mia Member', password: 'mia-password-1', space: { id: DEFAULT_SPACE.id, role: 'member' } });
  await bob.signIn('mia@example.test', 'mia-password-1');
  const refused = await bob.api('GET', base);
  assert.equal(refused.statusCode, 403);
  assert.equal((await call('GET', `/v3/spaces/${TEAM.id}/oauth-clients`)).statusCode, 403, 'Ada is only a member of the team');

  assert.equal((await call('DELETE', `${base}/${client.client_id}`)).statusCode, 200);
  assert.equal((await get('/v3/users/me', bearer(token.json().access_token))).statusCode, 401, 'deleting the client ends its tokens');
  assert.equal((await page.get(authorizeUrl({ client_id: client.client_id, redirect_uri: 'https://studio.example/oauth', response_type: 'code', state: 's' }))).status, 400);
  assert.equal((await call('DELETE', `${base}/${client.client_id}`)).statusCode, 404);
});
