// The account routes for a person (session cookie) and for an API key, checked against HeyGen's
// schema; a session on the API (CSRF header for changes, no space, GET /v3/session); Secure cookies
// behind an https public URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiKey, DEFAULT_SPACE } from '../../src/auth/api-keys.js';
import { PageClient } from '../support/page-client.js';
import { composeTestPlatform } from '../support/test-platform.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';

const t = useTestPlatform({ startWorkers: false }, async (p) => {
  await p.platform.users.createUser({ email: 'Grace.Hopper@Example.test', name: 'Grace Brewster Hopper', password: 'grace-password-1' });
});

async function graceBrowser(): Promise<PageClient> {
  const browser = new PageClient(t.app);
  assert.equal((await browser.signIn('grace.hopper@example.test', 'grace-password-1')).status, 303, 'email matched in any letter case');
  return browser;
}

test('a signed-in person: v1, v2 and v3 user/me and the seed’s account.get name the person and the space', async () => {
  const browser = await graceBrowser();
  const v1 = await browser.api('GET', '/v1/user/me');
  assert.equal(v1.statusCode, 200);
  assert.deepEqual(validateHeygenResponse('GET', '/v1/user/me', 200, v1.json()), []);
  const me = v1.json().data;
  assert.equal(me.email, 'Grace.Hopper@Example.test');
  assert.equal(me.first_name, 'Grace');
  assert.equal(me.last_name, 'Brewster Hopper');
  assert.match(me.user_id, /^user_/);
  assert.equal(me.username, me.user_id);
  assert.deepEqual(me.space, { space_id: DEFAULT_SPACE.id, name: DEFAULT_SPACE.name, role: 'owner' }, 'the first account owns the default space');

  const v3 = await browser.api('GET', '/v3/users/me');
  assert.deepEqual(validateHeygenResponse('GET', '/v3/users/me', 200, v3.json()), []);
  assert.deepEqual(v3.json().data, me);
  const v2 = await browser.api('GET', '/v2/user/me');
  assert.deepEqual(v2.json(), { error: null, data: me });

  const pacific = await browser.api('GET', '/v1/pacific/account.get');
  assert.equal(pacific.statusCode, 200);
  assert.deepEqual(pacific.json(), {
    code: 100,
    message: 'Success',
    data: {
      user_info: { user_id: me.user_id, username: me.user_id, email: 'Grace.Hopper@Example.test', first_name: 'Grace', last_name: 'Brewster Hopper', name: 'Grace Brewster Hopper' },
      space_info: { space_id: DEFAULT_SPACE.id, name: DEFAULT_SPACE.name, role: 'owner' },
    },
  });
});

test('an API key answers as before accounts: the space, no person; keys of the default space keep working', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/v3/users/me', headers: t.headers });
  assert.deepEqual(validateHeygenResponse('GET', '/v3/users/me', 200, r.json()), []);
  const data = r.json().data;
  assert.equal(data.username, 'test', 'the key’s space name, as before');
  assert.equal(data.email, null);
  assert.equal(data.user_id, null);
  assert.equal(data.space.role, null);
  const { key } = await createApiKey(t.platform.keys, { space: DEFAULT_SPACE, name: 'made before accounts' });
  const v1 = await t.app.inject({ method: 'GET', url: '/v1/user/me', headers: { 'x-api-key': key } });
  assert.deepEqual(validateHeygenResponse('GET', '/v1/user/me', 200, v1.json()), []);
  assert.deepEqual(v1.json().data.space, { space_id: DEFAULT_SPACE.id, name: DEFAULT_SPACE.name, role: null });
  const pacific = await t.app.inject({ method: 'GET', url: '/v1/pacific/account.get', headers: { authorization: `Bearer ${key}` } });
  assert.equal(pacific.json().data.user_info.email, null);
  assert.equal(pacific.json().data.space_info.space_id, DEFAULT_SPACE.id);
});

test('an API key wins over a session cookie sent with it (a wrong key is refused, not rescued by the cookie)', async () => {
  const browser = await graceBrowser();
  const r = await t.app.inject({ method: 'GET', url: '/v3/users/me', headers: { cookie: browser.cookieHeader(), 'x-api-key': t.key } });
  assert.equal(r.json().data.user_id, null);
  const wrong = await t.app.inject({ method: 'GET', url: '/v3/users/me', headers: { cookie: browser.cookieHeader(), 'x-api-key': 'sk_wrong' } });
  assert.equal(wrong.statusCode, 401);
});

test('a session changing something through the API must send X-CSRF-Token from GET /v3/session', async () => {
  const browser = await graceBrowser();
  const session = await browser.api('GET', '/v3/session');
  assert.equal(session.statusCode, 200);
  const s = session.json().data;
  assert.equal(s.email, 'Grace.Hopper@Example.test');
  assert.deepEqual(s.space, { space_id: DEFAULT_SPACE.id, name: DEFAULT_SPACE.name, role: 'owner' });
  assert.ok(Date.parse(s.expires_at) > Date.now());
  const bare = await browser.api('POST', `/v3/spaces/${DEFAULT_SPACE.id}/api-keys`, { body: { name: 'ci' } });
  assert.equal(bare.statusCode, 403);
  assert.equal(bare.json().error.code, 'forbidden');
  assert.equal(bare.json().error.param, 'X-CSRF-Token');
  const forged = await browser.api('POST', `/v3/spaces/${DEFAULT_SPACE.id}/api-keys`, { body: { name: 'ci' }, csrf: 'forged' });
  assert.equal(forged.statusCode, 403);
  const ok = await browser.api('POST', `/v3/spaces/${DEFAULT_SPACE.id}/api-keys`, { body: { name: 'ci' }, csrf: s.csrf_token });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.match(ok.json().data.key, /^sk_orator_/);
});

test('GET /v3/session without a session is 401 in the v3 envelope; a person in no space may sign in but not use the API', async () => {
  const anonymous = await t.app.inject({ method: 'GET', url: '/v3/session' });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.json().error.code, 'authentication_failed');
  await t.platform.users.createUser({ email: 'loner@example.test', name: 'Lone Person', password: 'lonely-password' });
  const browser = new PageClient(t.app);
  assert.equal((await browser.signIn('loner@example.test', 'lonely-password')).status, 303);
  assert.equal((await browser.api('GET', '/v3/session')).json().data.space, null);
  assert.match((await browser.get('/account')).body, /You belong to no space yet/);
  const api = await browser.api('GET', '/v3/videos');
  assert.equal(api.statusCode, 403);
  assert.match(api.json().error.message, /belongs to no space yet/);
});

test('behind an https public URL the cookies are Secure and __Host- prefixed', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-https-'));
  const p = await composeTestPlatform({ dataDir, env: { ORATOR_PUBLIC_URL: 'https://orator.example' }, startWorkers: false });
  try {
    await p.platform.users.createUser({ email: 'sec@example.test', name: 'Sec', password: 'secure-password' });
    const browser = new PageClient(p.app);
    const page = await browser.get('/sign-in');
    assert.match(String(page.headers['set-cookie']), /^__Host-orator_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const signedIn = await browser.post('/sign-in', { email: 'sec@example.test', password: 'secure-password' });
    assert.equal(signedIn.status, 303);
    assert.match(String(signedIn.headers['set-cookie']), /__Host-orator_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax/);
    assert.equal((await browser.api('GET', '/v3/users/me')).json().data.email, 'sec@example.test');
  } finally {
    await p.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
