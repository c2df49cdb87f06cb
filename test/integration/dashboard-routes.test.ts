// The dashboard's routes over inject(): index.html on `/` and under the app's own pages only (deep links),
// never on an API path, a server page, the docs or a signed file; the key sign-in only while there are no
// accounts; signed-out visitors sent to /sign-in and back to the page they asked for.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PageClient } from '../support/page-client.js';
import { composeTestPlatform, type ComposedTestPlatform } from '../support/test-platform.js';

let t: ComposedTestPlatform;
let dataDir: string;

before(async () => {
  execFileSync('bash', ['scripts/build-web.sh'], { stdio: 'inherit' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-dashboard-routes-'));
  t = await composeTestPlatform({ dataDir, startWorkers: false });
});

after(async () => {
  await t?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const signInMeta = (body: string) => /<meta name="orator-sign-in" content="([^"]+)"/.exec(body)?.[1];

test('with no accounts yet, every dashboard page is the app, asking for an API key', async () => {
  for (const url of ['/', '/library', '/library?q=intro', '/create', '/templates', '/templates/stock_personalised_welcome', '/webhooks', '/api-keys']) {
    const r = await get(url);
    assert.equal(r.statusCode, 200, url);
    assert.match(String(r.headers['content-type']), /^text\/html/, url);
    assert.equal(signInMeta(r.body), 'api-key', url);
    assert.match(String(r.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(r.headers['cache-control'], 'no-store');
  }
  const head = await t.app.inject({ method: 'HEAD', url: '/templates' });
  assert.equal(head.statusCode, 200);
});

test('the bundle files are served under /_app/, hashed ones cacheable for good', async () => {
  const page = await get('/');
  const script = /<script type="module" crossorigin src="(\/_app\/[^"]+\.js)"/.exec(page.body)?.[1];
  const style = /<link rel="stylesheet" crossorigin href="(\/_app\/[^"]+\.css)"/.exec(page.body)?.[1];
  assert.ok(script && style, 'index.html names its script and stylesheet');
  const js = await get(script);
  assert.equal(js.statusCode, 200);
  assert.match(String(js.headers['content-type']), /javascript/);
  assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await get(style)).statusCode, 200);
  const icon = await get('/_app/icon.svg');
  assert.equal(icon.statusCode, 200);
  assert.equal(icon.headers['cache-control'], 'public, max-age=3600', 'an unhashed file is not kept for good');
  assert.equal((await get('/_app/no-such-file.js')).statusCode, 404);
});

test('API paths, server pages, docs, files and stock media keep their own answers', async () => {
  // The API's own answer, never the app's page: without a key an unknown path is the API's 401, as it was
  // before the dashboard existed (the not-found handler sits behind the key check).
  const json404 = async (url: string) => {
    const r = await get(url, { accept: 'text/html' });
    assert.ok(r.statusCode === 404 || r.statusCode === 401, `${url}: ${r.statusCode}`);
    assert.match(String(r.headers['content-type']), /^application\/json/, url);
  };
  for (const url of ['/v2/no-such-route', '/v3/videos/x/y/z', '/v1/nothing.get', '/nowhere', '/library-old', '/files', '/stock/templates/', '/favicon.ico', '/oauth/unknown']) await json404(url);
  assert.equal((await get('/v3/videos')).statusCode, 401, 'an API route still wants a key');
  assert.match((await get('/v3/videos')).headers['content-type'] as string, /json/);
  const openapi = await get('/openapi.json');
  assert.equal(openapi.statusCode, 200);
  const paths = Object.keys((openapi.json() as { paths: Record<string, unknown> }).paths);
  assert.ok(!paths.includes('/') && !paths.some((p) => p.includes('*') || p.startsWith('/_app')), 'the dashboard stays out of the API document');
  const docs = await get('/docs');
  assert.ok(docs.statusCode === 200 || docs.statusCode === 302, `docs answered ${docs.statusCode}`);
  assert.equal(signInMeta(docs.body), undefined);
  const signIn = await get('/sign-in');
  assert.equal(signIn.statusCode, 200);
  assert.match(signIn.body, /name="password"/, 'the server-rendered sign-in page, not the app');
  assert.equal((await get('/stock/templates/logo.png')).headers['content-type'], 'image/png');
  assert.equal((await get('/healthz')).statusCode, 200);
  // Only GET serves the app: a POST there is answered as on any path without a route.
  const post = await t.app.inject({ method: 'POST', url: '/library', payload: {} });
  const elsewhere = await t.app.inject({ method: 'POST', url: '/nowhere', payload: {} });
  assert.deepEqual([post.statusCode, post.headers['content-type']], [elsewhere.statusCode, elsewhere.headers['content-type']]);
  assert.notEqual(post.statusCode, 200);
});

test('once an account exists, a signed-out visitor is sent to sign in and comes back to the page', async () => {
  await t.platform.users.createUser({ email: 'grace@example.test', name: 'Grace Hopper', password: 'cobol-compiler-1959' });
  const r = await get('/templates/stock_personalised_welcome?from=mail');
  assert.equal(r.statusCode, 303);
  assert.equal(r.headers.location, `/sign-in?next=${encodeURIComponent('/templates/stock_personalised_welcome?from=mail')}`);
  assert.equal((await get('/')).headers.location, '/sign-in?next=%2F');

  const browser = new PageClient(t.app);
  const signedIn = await browser.signIn('grace@example.test', 'cobol-compiler-1959', '/templates/stock_personalised_welcome?from=mail');
  assert.equal(signedIn.status, 303);
  assert.equal(signedIn.location, '/templates/stock_personalised_welcome?from=mail');
  const page = await browser.get('/templates/stock_personalised_welcome?from=mail');
  assert.equal(page.status, 200);
  assert.equal(signInMeta(page.body), 'session');
  // A stale cookie is no session: back to sign-in.
  const stale = await get('/library', { cookie: 'orator_session=not-a-session' });
  assert.equal(stale.statusCode, 303);
});
