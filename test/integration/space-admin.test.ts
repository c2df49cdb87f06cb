// Space administration over HTTP: invitations by link (register or accept through the pages), roles
// (members cannot manage keys, admins cannot touch owners, one owner always stays), API keys made and
// revoked by admins, and other spaces' resources refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKey, DEFAULT_SPACE } from '../../src/auth/api-keys.js';
import { PageClient } from '../support/page-client.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const OTHER = { id: 'space_other', name: 'Other team' };

const t = useTestPlatform({ startWorkers: false }, async (p) => {
  await p.platform.users.createUser({ email: 'olive@example.test', name: 'Olive Owner', password: 'olive-password' });
  await p.platform.keys.ensureSpace(OTHER, Date.now());
  await p.platform.users.createUser({ email: 'otto@example.test', name: 'Otto Other', password: 'otto-password1', space: { id: OTHER.id, role: 'owner' } });
});

const browsers = new Map<string, ReturnType<typeof signIn>>();

/** A signed-in browser per account (signing in once: attempts per account are limited). */
function signedIn(email: string, password: string) {
  let found = browsers.get(email);
  if (!found) browsers.set(email, (found = signIn(email, password)));
  return found;
}

/** A browser that calls the JSON API with its cookie and a fresh CSRF token. */
async function signIn(email: string, password: string) {
  const browser = new PageClient(t.app);
  assert.equal((await browser.signIn(email, password)).status, 303, `sign in ${email}`);
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, body?: unknown) =>
    browser.api(method, url, { ...(body === undefined ? {} : { body }), ...(method === 'GET' ? {} : { csrf: await browser.apiCsrf() }) });
  return { browser, call };
}

const invitePath = (url: string) => new URL(url).pathname;

async function invite(owner: Awaited<ReturnType<typeof signedIn>>, body: object, space = DEFAULT_SPACE.id) {
  const r = await owner.call('POST', `/v3/spaces/${space}/invitations`, body);
  assert.equal(r.statusCode, 200, r.body);
  return r.json().data as { invitation_id: string; url: string; status: string; role: string };
}

let n = 0;
/** A newcomer registers through an invitation page and lands on their account page, signed in. */
async function joinByInvitation(owner: Awaited<ReturnType<typeof signedIn>>, role = 'member') {
  const email = `new${++n}@example.test`;
  const made = await invite(owner, { role });
  assert.match(made.url, /^http:\/\/orator\.test\/invitations\/inv_[0-9a-f]{32}\.[0-9a-z]+\.[\w-]+$/);
  const browser = new PageClient(t.app);
  const page = await browser.get(invitePath(made.url));
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`join <strong>${DEFAULT_SPACE.name}</strong> as <strong>${role}</strong>`));
  const r = await browser.post(`${invitePath(made.url)}/register`, { name: `New ${n}`, email, password: 'newcomer-password' });
  assert.equal(r.status, 303, r.body);
  assert.equal(r.location, '/account?notice=joined');
  const me = (await browser.api('GET', '/v3/users/me')).json().data;
  return { email, userId: me.user_id as string, me, browser, link: made.url };
}

test('an invitation link: a newcomer registers, joins with the invited role and is signed in; the link works once', async () => {
  const owner = await signedIn('olive@example.test', 'olive-password');
  const joined = await joinByInvitation(owner);
  assert.deepEqual(joined.me.space, { space_id: DEFAULT_SPACE.id, name: DEFAULT_SPACE.name, role: 'member' });
  const again = await new PageClient(t.app).get(invitePath(joined.link));
  assert.equal(again.status, 410);
  assert.match(again.body, /already been used/);
  const other = new PageClient(t.app);
  await other.get('/sign-in');
  const replay = await other.post(`${invitePath(joined.link)}/register`, { name: 'Late', email: 'late@example.test', password: 'late-password1' });
  assert.equal(replay.status, 410);
  assert.match(replay.body, /already been used/);
  const list = (await owner.call('GET', `/v3/spaces/${DEFAULT_SPACE.id}/invitations`)).json();
  assert.equal(list.data.find((i: { accepted_by: string }) => i.accepted_by === joined.userId)?.status, 'accepted');
});

test('a forged, altered or withdrawn invitation link is refused', async () => {
  const owner = await signedIn('olive@example.test', 'olive-password');
  const made = await invite(owner, { role: 'admin' });
  const path = invitePath(made.url);
  const browser = new PageClient(t.app);
  const altered = path.replace(/\.([0-9a-z]+)\./, (_m, exp: string) => `.${(Number.parseInt(exp, 36) + 3_600_000).toString(36)}.`);
  assert.equal((await browser.get(altered)).status, 404, 'a later expiry breaks the signature');
  assert.equal((await browser.get(path.replace(/inv_[0-9a-f]{4}/, 'inv_0000'))).status, 404);
  assert.equal((await browser.get('/invitations/garbage')).status, 404);
  assert.equal((await owner.call('DELETE', `/v3/spaces/${DEFAULT_SPACE.id}/invitations/${made.invitation_id}`)).statusCode, 200);
  const withdrawn = await browser.get(path);
  assert.equal(withdrawn.status, 410);
  assert.match(withdrawn.body, /withdrawn/);
  assert.equal((await owner.call('DELETE', `/v3/spaces/${DEFAULT_SPACE.id}/invitations/${made.invitation_id}`)).statusCode, 404, 'only once');
});

test('an invitation for one email is refused to another; an existing account accepts while signed in and can switch spaces', async () => {
  const otto = await signedIn('otto@example.test', 'otto-password1');
  const made = await invite(otto, { role: 'member', email: 'OLIVE@example.test' }, OTHER.id);
  const stranger = new PageClient(t.app);
  const page = await stranger.get(invitePath(made.url));
  assert.match(page.body, /value="OLIVE@example.test"/, 'the form suggests the invited address');
  const wrong = await stranger.post(`${invitePath(made.url)}/register`, { name: 'Eve', email: 'eve@example.test', password: 'eve-password-1' });
  assert.equal(wrong.status, 403);
  assert.match(wrong.body, /meant for another email address/);

  const olive = await signedIn('olive@example.test', 'olive-password');
  const offer = await olive.browser.get(invitePath(made.url));
  assert.match(offer.body, /Join the space/);
  const accepted = await olive.browser.post(`${invitePath(made.url)}/accept`, {});
  assert.equal(accepted.status, 303);
  const spaces = (await olive.call('GET', '/v3/spaces')).json().data.map((s: { space_id: string; role: string }) => `${s.space_id}:${s.role}`);
  assert.deepEqual(spaces, [`${DEFAULT_SPACE.id}:owner`, `${OTHER.id}:member`]);
  assert.equal((await olive.call('GET', '/v3/users/me')).json().data.space.space_id, OTHER.id, 'the session moved to the space just joined');
  assert.equal((await olive.call('PUT', '/v3/session/space', { space_id: DEFAULT_SPACE.id })).statusCode, 200);
  assert.equal((await olive.call('GET', '/v3/users/me')).json().data.space.space_id, DEFAULT_SPACE.id);
  assert.equal((await olive.call('DELETE', `/v3/spaces/${OTHER.id}/members/${(await olive.call('GET', '/v3/users/me')).json().data.user_id}`)).statusCode, 200, 'a member may leave');
  assert.equal((await olive.call('PUT', '/v3/session/space', { space_id: OTHER.id })).statusCode, 404, 'no longer a member');
});

test('a member lists members but cannot manage API keys, invitations or roles', async () => {
  const owner = await signedIn('olive@example.test', 'olive-password');
  const member = await joinByInvitation(owner);
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    member.browser.api(method, url, { ...(body === undefined ? {} : { body }), ...(method === 'GET' ? {} : { csrf: await member.browser.apiCsrf() }) });
  const members = await call('GET', `/v3/spaces/${DEFAULT_SPACE.id}/members`);
  assert.equal(members.statusCode, 200);
  assert.ok(members.json().data.some((m: { email: string; role: string }) => m.email === 'olive@example.test' && m.role === 'owner'));
  for (const [method, url, body] of [
    ['GET', `/v3/spaces/${DEFAULT_SPACE.id}/api-keys`],
    ['POST', `/v3/spaces/${DEFAULT_SPACE.id}/api-keys`, { name: 'mine' }],
    ['POST', `/v3/spaces/${DEFAULT_SPACE.id}/invitations`, { role: 'member' }],
    ['PATCH', `/v3/spaces/${DEFAULT_SPACE.id}/members/${member.userId}`, { role: 'admin' }],
  ] as const) {
    const r = await call(method, url, body);
    assert.equal(r.statusCode, 403, `${method} ${url}`);
    assert.equal(r.json().error.code, 'forbidden');
    assert.match(r.json().error.message, /Your role in this space \(member\) cannot .*; it takes admin or above/);
  }
});

test('admins make and revoke API keys (revocation is immediate); only owners touch the owner role; one owner always stays', async () => {
  const owner = await signedIn('olive@example.test', 'olive-password');
  const member = await joinByInvitation(owner);
  const promoted = await owner.call('PATCH', `/v3/spaces/${DEFAULT_SPACE.id}/members/${member.userId}`, { role: 'admin' });
  assert.equal(promoted.statusCode, 200);
  assert.equal(promoted.json().data.role, 'admin');
  const admin = await signedIn(member.email, 'newcomer-password');
  const made = await admin.call('POST', `/v3/spaces/${DEFAULT_SPACE.id}/api-keys`, { name: 'render bot' });
  assert.equal(made.statusCode, 200);
  const { key, key_id, prefix } = made.json().data;
  assert.equal(key.slice(0, 14) + '…', prefix);
  const asKey = await t.app.inject({ method: 'GET', url: '/v3/users/me', headers: { 'x-api-key': key } });
  assert.equal(asKey.json().data.space.space_id, DEFAULT_SPACE.id, 'the new key acts on the space');
  const listed = (await admin.call('GET', `/v3/spaces/${DEFAULT_SPACE.id}/api-keys`)).json().data;
  assert.ok(listed.some((k: { key_id: string; revoked_at: null }) => k.key_id === key_id && k.revoked_at === null));
  assert.ok(listed.every((k: object) => !('key' in k)), 'secrets are never listed');
  assert.equal((await admin.call('DELETE', `/v3/spaces/${DEFAULT_SPACE.id}/api-keys/${key_id}`)).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'GET', url: '/v3/users/me', headers: { 'x-api-key': key } })).statusCode, 401, 'refused at once');

  const ownerId = (await owner.call('GET', '/v3/users/me')).json().data.user_id;
  const grant = await admin.call('PATCH', `/v3/spaces/${DEFAULT_SPACE.id}/members/${member.userId}`, { role: 'owner' });
  assert.equal(grant.statusCode, 403, 'an admin cannot make owners (not even of themselves)');
  assert.equal((await admin.call('PATCH', `/v3/spaces/${DEFAULT_SPACE.id}/members/${ownerId}`, { role: 'member' })).statusCode, 403, 'nor demote one');
  assert.equal((await admin.call('DELETE', `/v3/spaces/${DEFAULT_SPACE.id}/members/${ownerId}`)).statusCode, 403, 'nor remove one');
  const lastOwner = await owner.call('PATCH', `/v3/spaces/${DEFAULT_SPACE.id}/members/${ownerId}`, { role: 'admin' });
  assert.equal(lastOwner.statusCode, 400);
  assert.match(lastOwner.json().error.message, /at least one owner/);
  assert.equal((await owner.call('DELETE', `/v3/spaces/${DEFAULT_SPACE.id}/members/${ownerId}`)).statusCode, 400, 'the last owner cannot leave');
  assert.equal((await owner.call('PATCH', `/v3/spaces/${DEFAULT_SPACE.id}/members/${member.userId}`, { role: 'member' })).statusCode, 200);
});

test('a new key’s secret is never kept for Idempotency-Key replay', async () => {
  const owner = await signedIn('olive@example.test', 'olive-password');
  const send = async () =>
    t.app.inject({
      method: 'POST',
      url: `/v3/spaces/${DEFAULT_SPACE.id}/api-keys`,
      headers: { cookie: owner.browser.cookieHeader(), 'x-csrf-token': await owner.browser.apiCsrf(), 'idempotency-key': 'same-key-1', 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'retried' }),
    });
  const [a, b] = [await send(), await send()];
  assert.notEqual(a.json().data.key, b.json().data.key);
  const stored = await t.platform.database.db.selectFrom('idempotency_keys').select('response_body').execute();
  assert.ok(stored.every((r) => !String(r.response_body).includes(a.json().data.key)));
});

test('another space’s members, invitations and keys are refused as if they did not exist', async () => {
  const owner = await signedIn('olive@example.test', 'olive-password');
  const { info: otherKey } = await createApiKey(t.platform.keys, { space: OTHER, name: 'theirs' });
  for (const [method, url] of [
    ['GET', `/v3/spaces/${OTHER.id}/members`],
    ['GET', `/v3/spaces/${OTHER.id}/api-keys`],
    ['POST', `/v3/spaces/${OTHER.id}/invitations`],
    ['DELETE', `/v3/spaces/${OTHER.id}/api-keys/${otherKey.id}`],
    ['GET', '/v3/spaces/space_nope/members'],
  ] as const) {
    const r = await owner.call(method, url, method === 'POST' ? {} : undefined);
    assert.equal(r.statusCode, 404, `${method} ${url}`);
    assert.equal(r.json().error.param, 'space_id');
  }
  const viaOwnSpace = await owner.call('DELETE', `/v3/spaces/${DEFAULT_SPACE.id}/api-keys/${otherKey.id}`);
  assert.equal(viaOwnSpace.statusCode, 404, 'a key id of another space is not found through your own');
  assert.equal((await t.platform.keys.list()).find((k) => k.id === otherKey.id)?.revokedAt, null, 'and stays active');
  assert.deepEqual((await owner.call('GET', '/v3/spaces')).json().data.map((s: { space_id: string }) => s.space_id), [DEFAULT_SPACE.id], 'only your own spaces are listed');
});

test('an API key cannot manage a space, not even its own', async () => {
  const { key } = await createApiKey(t.platform.keys, { space: DEFAULT_SPACE, name: 'automation' });
  for (const url of [`/v3/spaces/${DEFAULT_SPACE.id}/members`, `/v3/spaces/${DEFAULT_SPACE.id}/api-keys`, '/v3/spaces']) {
    const r = await t.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
    assert.equal(r.statusCode, 403, url);
    assert.match(r.json().error.message, /signed-in person/);
  }
});

test('the space routes are in the OpenAPI document', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  for (const p of ['/v3/spaces', '/v3/spaces/{space_id}/members', '/v3/spaces/{space_id}/members/{user_id}', '/v3/spaces/{space_id}/invitations', '/v3/spaces/{space_id}/api-keys/{key_id}', '/v3/session', '/v1/pacific/account.get']) {
    assert.ok(doc.paths[p], `${p} documented`);
  }
  assert.equal(doc.paths['/sign-in'], undefined, 'pages are not API operations');
});
